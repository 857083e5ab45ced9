// Live captions from the microphone, for real: a user PulseAudio with a null sink is the machine's
// sound system (scripts/virtual-mic.sh), speech-like audio is played into the sink with paplay, and
// the extension captures the sink's monitor as its microphone through parec. The emulator turns the
// captured audio into its scripted transcript, so the lines on screen come from bytes that went
// through the capture program.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeWav } from '../../src/core/vurbo/wav';
import { generateVurboKey } from '../../src/emulator/keys';
import { sentenceFor, translationFor } from '../../src/emulator/vurbo/liveScript';
import { useVsCode } from './harness';
import { finishLiveWizard, setApiKey } from './speechApi';
import { LIMITS, TEST_TIMEOUTS } from './support/limits';

const PULSE_DIR = path.join(os.tmpdir(), 'speech-api-virtual-mic');
const SINK = 'speechapi_mic';
const PULSE_ENV = { PULSE_SERVER: `unix:${PULSE_DIR}/native` };

/** Syllable-like bursts of a few pitches with short gaps: what a level meter sees of speech. */
function speechLikeWav(seconds: number, rate = 16_000): Buffer {
  const samples = new Int16Array(seconds * rate);
  const pitches = [180, 240, 150, 300, 210];
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate;
    const syllable = Math.floor(t / 0.25);
    const inGap = t % 0.25 > 0.2;
    const hz = pitches[syllable % pitches.length];
    samples[i] = inGap ? 0 : Math.round(9000 * Math.sin(2 * Math.PI * hz * t) * Math.sin((Math.PI * (t % 0.25)) / 0.2));
  }
  return encodeWav(samples, rate);
}

describe('live captions from the microphone (virtual PulseAudio microphone)', function () {
  const key = generateVurboKey();
  const clips = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-api-mic-clips-'));
  const speech = path.join(clips, 'speech.wav');
  const shortClip = path.join(clips, 'short.wav');
  let player: ChildProcess | undefined;

  before(function () {
    this.timeout(TEST_TIMEOUTS.setUp);
    // Before code-server starts, so its extension host finds the sound server.
    execFileSync('bash', [path.join(__dirname, '../../scripts/virtual-mic.sh')], {
      env: { ...process.env, SPEECH_API_PULSE_DIR: PULSE_DIR, SPEECH_API_PULSE_SINK: SINK },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    fs.writeFileSync(speech, speechLikeWav(240));
    fs.writeFileSync(shortClip, speechLikeWav(2));
  });

  const vscode = useVsCode({ emulator: { keys: { vurbo: key } }, env: PULSE_ENV });

  before(async function () {
    this.timeout(TEST_TIMEOUTS.test);
    await setApiKey(vscode.workbench, 'vurbo', key);
    await vscode.workbench.clearNotifications();
  });

  after(() => {
    player?.kill();
    fs.rmSync(clips, { recursive: true, force: true });
  });

  /** Plays `file` into the sink; resolves when it has been played. */
  function play(file: string): { done: Promise<void>; child: ChildProcess } {
    const child = spawn('paplay', [`--device=${SINK}`, file], { env: { ...process.env, ...PULSE_ENV }, stdio: 'ignore' });
    const done = new Promise<void>((resolve, reject) =>
      child.on('exit', (code, signal) => (code === 0 || signal ? resolve() : reject(new Error(`paplay exited with ${code}`)))),
    );
    return { done, child };
  }

  async function waitForOutput(channel: string, want: RegExp, timeoutMs = LIMITS.roundTrip): Promise<string> {
    let text = '';
    await vscode.workbench.poll(
      async () => {
        text = await vscode.workbench.outputChannelText(channel).catch(() => '');
        return want.test(text);
      },
      `${want} in output channel "${channel}"`,
      timeoutMs,
      () => `it shows:\n${text}`,
    );
    return text;
  }

  const liveItem = () => vscode.page.locator('.part.statusbar .statusbar-item', { hasText: /Live/ }).first();

  async function waitForStatus(want: RegExp): Promise<string> {
    let text = '';
    await vscode.workbench.poll(
      async () =>
        want.test(
          (text = await liveItem()
            .innerText()
            .catch(() => '')),
        ),
      `status bar ${want}`,
      LIMITS.roundTrip,
      () => `it shows: ${text}`,
    );
    return text;
  }

  it('picks "Microphone" and the sink monitor, shows partial and final lines with translations and the input level; pause mutes, resume and stop finish the task', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench, emulator } = vscode;
    const live = emulator.live;
    live.settings.sentenceMs = 3000;
    live.settings.partialEveryMs = 500;
    player = play(speech).child;

    await workbench.runCommand('Speech API: Start Live Session…');
    await workbench.waitForQuickInput({ title: /audio source/ });
    const sources = await workbench.quickPickItems();
    assert.match(sources[0].label, /Microphone/, `the microphone is offered first: ${sources.map((s) => s.label).join(' | ')}`);
    await workbench.pickQuickPickItem('Microphone');
    await workbench.waitForQuickInput({ title: /input device/ });
    await workbench.pickQuickPickItem(`${SINK}.monitor`);
    await finishLiveWizard(workbench, { translateInto: 'de-DE', summary: 'No summary' });

    const channel = 'Vurbo Live: Microphone';
    const first = sentenceFor(0, 'en-US');
    // Any partial line (the channel is read through the palette, which may miss the first one).
    const partial = await waitForOutput(channel, /^\[\d+:\d\d\] … \S/m, LIMITS.flow);
    assert.match(partial, new RegExp(`Capturing ${SINK}\\.monitor as 16 kHz mono PCM with: parec .*--device=${SINK}\\.monitor`));
    const partialLine = /^\[\d+:\d\d\] … (.*)$/m.exec(partial)![1];
    const script = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => sentenceFor(i, 'en-US'));
    assert.ok(
      script.some((line) => line.startsWith(partialLine) && partialLine.length < line.length),
      `"${partialLine}" is the start of a sentence`,
    );
    const final = await waitForOutput(channel, new RegExp(`^\\[0:00\\] ${escape(first)}$`, 'm'));
    assert.ok(final.includes(`de-DE: ${translationFor(0, 'de-DE', first)}`), 'the translation is indented under it');
    // The played speech reaches the meter: a level above the floor, and the elapsed time.
    await waitForStatus(/Live [▃▄▅▆▇█] \d+:\d\d/);

    await workbench.runCommand('Speech API: Pause Live Session');
    await waitForStatus(/Live: paused \d+:\d\d/);
    const audioAtPause = live.received.audio ?? 0;
    await play(shortClip).done; // two seconds of speech played while muted
    assert.ok((live.received.audio ?? 0) - audioAtPause <= 3, `muted: ${(live.received.audio ?? 0) - audioAtPause} audio messages sent while paused`);

    await workbench.runCommand('Speech API: Resume Live Session');
    await waitForStatus(/Live [▁▂▃▄▅▆▇█] \d+:\d\d/);
    await workbench.poll(async () => (live.received.audio ?? 0) >= audioAtPause + 10, 'audio flowing again after Resume', LIMITS.roundTrip);

    await workbench.runCommand('Speech API: Stop Live Session');
    await workbench.waitForNotification(/^Live session finished: \d+ sentences?\. The task is in the Vurbo Tasks view\.$/, { timeoutMs: LIMITS.flow });
    const text = await waitForOutput(channel, /Session finished/);
    assert.match(text, /Task [0-9a-f-]{36} completed\./);
    assert.ok(!/silent for/.test(text), 'speech was heard, so no silence warning');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
