// Live sessions and broadcasts as a user has them: stream a WAV file (generated here) into a live
// session and read partial, then final lines in its output channel; stop it and find the task in
// the Vurbo Tasks tree; watch a password-protected broadcast.
import assert from 'node:assert/strict';
import path from 'node:path';
import { encodeWav, toneSamples } from '../../src/core/vurbo/wav';
import { generateVurboKey } from '../../src/emulator/keys';
import { SEEDED_BROADCASTS } from '../../src/emulator/vurbo/broadcastRecords';
import { sentenceFor, translationFor } from '../../src/emulator/vurbo/liveScript';
import { useVsCode } from './harness';
import { setApiKey, VIEW } from './speechApi';
import { LIMITS, TEST_TIMEOUTS } from './support/limits';

const BROADCASTS_VIEW = 'Vurbo Broadcasts';

describe('live sessions and broadcasts', function () {
  const key = generateVurboKey();
  const vscode = useVsCode({
    emulator: { keys: { vurbo: key } },
    // 7 s of a 44.1 kHz stereo tone: the session converts it to 16 kHz mono on the way.
    files: { 'recordings/standup.wav': encodeWav(toneSamples(7, 44_100, 2), 44_100, 2), 'notes.wav': 'not audio, only named like it' },
  });

  before(async function () {
    this.timeout(TEST_TIMEOUTS.test);
    await setApiKey(vscode.workbench, 'vurbo', key);
    await vscode.workbench.clearNotifications();
  });

  /** Shows a view of the Speech API container by its name (the palette's generated focus command). */
  async function showView(name: string): Promise<void> {
    await vscode.workbench.runCommand(`Speech API: Focus on ${name} View`);
  }

  const chooseFileInDialog = (file: string) => vscode.workbench.chooseFileInDialog(file, /pick a WAV file/);

  /** The first question: where the audio comes from (the microphone is offered too where it can be). */
  async function chooseWavSource(): Promise<void> {
    await vscode.workbench.waitForQuickInput({ title: /audio source/ });
    await vscode.workbench.pickQuickPickItem('WAV file');
  }

  /** Polls an output channel until `want` matches its text; returns the text. */
  async function waitForOutput(channel: string, want: RegExp, timeoutMs = LIMITS.roundTrip): Promise<string> {
    let text = '';
    let failure = '';
    await vscode.workbench.poll(
      async () => {
        // Reading the channel goes through the palette and the clipboard; a try that fails is retried.
        text = await vscode.workbench.outputChannelText(channel).catch((e: Error) => ((failure = e.message), ''));
        return want.test(text);
      },
      `${want} in output channel "${channel}"`,
      timeoutMs,
      () => `it shows:\n${text}${failure ? `\n(last read failed: ${failure})` : ''}`,
    );
    return text;
  }

  it('streams a WAV file: partial lines, then final lines with translations; Stop finishes the task and the Tasks tree shows it', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench, emulator, workspaceDir, page } = vscode;
    const live = emulator.live;
    // Long sentences, so a partial line stays on screen long enough to be read.
    live.settings.sentenceMs = 3000;
    live.settings.partialEveryMs = 500;

    await workbench.runCommand('Speech API: Start Live Session…');
    await chooseWavSource();
    const dialog = await workbench.waitForQuickInput({ title: /pick a WAV file/ });
    assert.match(dialog.title, /streamed in real time/, 'the dialog says how the file is used');
    await chooseFileInDialog(path.join(workspaceDir, 'recordings/standup.wav'));

    await workbench.waitForQuickInput({ title: /recording type/ });
    await workbench.pickQuickPickItem('Transcribe');
    await workbench.waitForQuickInput({ title: /recognition mode/ });
    await workbench.pickQuickPickItem('Single speaker');
    await workbench.waitForQuickInput({ title: /spoken languages/ });
    await page.keyboard.press('Enter'); // en-US is ticked by default
    await workbench.waitForQuickInput({ title: /translate into/ });
    await workbench.pickQuickPickItem('ja-JP'); // ticks it
    await page.keyboard.press('Enter');
    await workbench.waitForQuickInput({ title: /summary template/ });
    await workbench.pickQuickPickItem('Meeting Record');

    const channel = 'Vurbo Live: standup.wav';
    const first = sentenceFor(0, 'en-US');
    const partial = await waitForOutput(channel, /^\[0:00\] … \S/m);
    const partialLine = /^\[0:00\] … (.*)$/m.exec(partial)![1];
    assert.ok(first.startsWith(partialLine) && partialLine.length < first.length, `"${partialLine}" is the start of the first sentence`);
    assert.match(partial, /Streaming standup\.wav \(44100 Hz, 2 channels, 0:07\)/);

    const final = await waitForOutput(channel, new RegExp(`^\\[0:00\\] ${escape(first)}$`, 'm'));
    assert.ok(final.includes(`ja-JP: ${translationFor(0, 'ja-JP', first)}`), 'the translation is indented under it');
    assert.ok(!/^\[0:00\] … /m.test(final), 'the partial line was replaced by the final one');
    await page.locator('.part.statusbar').getByText(/Live/).first().waitFor();

    await workbench.runCommand('Speech API: Stop Live Session');
    const done = await workbench.waitForNotification(/^Live session finished: \d+ sentences? and a summary\. The task is in the Vurbo Tasks view\.$/, {
      timeoutMs: LIMITS.roundTrip,
    });
    assert.equal(done.severity, 'info');
    const text = await waitForOutput(channel, /Session finished/);
    assert.match(text, /Summary \(meeting, \d+ sentences?\)/);
    assert.match(text, /Task [0-9a-f-]{36} completed\./);

    await showView(VIEW.vurbo);
    await workbench.waitForTreeItem(VIEW.vurbo, /^Live transcribe: Good morning everyone/, { timeoutMs: LIMITS.roundTrip });

    // The key went only into the ticket request; the WebSocket carried the one-time ticket.
    const upgrades = emulator.server.accessLog.filter((e) => e.url.startsWith('/ws'));
    assert.ok(upgrades.length >= 1);
    for (const u of upgrades) {
      assert.equal(u.headers['x-api-key'], undefined);
      assert.ok(!JSON.stringify(u.headers).includes(key));
      assert.match(String(u.headers['sec-websocket-protocol']), /^ticket\.[A-Za-z0-9]{32}$/);
    }
    assert.ok(!(await workbench.text()).includes(key), 'the key is nowhere on screen');
  });

  it('refuses a file that is not WAV with the reason', async () => {
    const { workbench, workspaceDir } = vscode;
    await workbench.clearNotifications();
    await workbench.runCommand('Speech API: Start Live Session…');
    await chooseWavSource();
    await workbench.waitForQuickInput({ title: /pick a WAV file/ });
    await chooseFileInDialog(path.join(workspaceDir, 'notes.wav'));
    await workbench.waitForQuickInput({ title: /recording type/ });
    await workbench.pickQuickPickItem('Record');
    await workbench.waitForQuickInput({ title: /recognition mode/ });
    await workbench.pickQuickPickItem('Single speaker');
    await workbench.waitForQuickInput({ title: /spoken languages/ });
    await vscode.page.keyboard.press('Enter');
    const error = await workbench.waitForNotification(/not a WAV file/);
    assert.equal(error.severity, 'error');
  });

  it('watches a password-protected broadcast: wrong password refused, right one streams captions in the chosen language', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench, emulator } = vscode;
    const { token, name, password } = SEEDED_BROADCASTS.password;
    await workbench.clearNotifications();
    await showView(BROADCASTS_VIEW);
    await workbench.waitForTreeItem(BROADCASTS_VIEW, name);
    const row = await workbench.treeItems(BROADCASTS_VIEW);
    assert.ok(
      row.some((r) => r.label === name && /^live · /.test(r.description)),
      `the Broadcasts view lists it as live: ${JSON.stringify(row)}`,
    );

    await workbench.runCommand('Speech API: Watch Broadcast…');
    await workbench.waitForQuickInput({ title: 'Watch Broadcast' });
    await workbench.typeInQuickInput(`${emulator.origin}/broadcast/${token}`, { submit: true });
    const box = await workbench.waitForQuickInput({ title: /is password-protected/ });
    assert.equal(box.inputType, 'password');
    await workbench.typeInQuickInput('not-the-password', { submit: true });
    await workbench.waitForQuickInputMessage(/password is wrong/);
    await workbench.typeInQuickInput(password, { submit: true });
    await workbench.waitForQuickInput({ title: /caption language/ });
    await workbench.pickQuickPickItem('Japanese');

    const channel = `Vurbo Broadcast: ${name}`;
    const text = await waitForOutput(channel, /ja-JP: /);
    assert.match(text, new RegExp(`Connected to "${escape(name)}", live\\.`));
    const caption = /^\[\d+:\d\d\] (.+)\n\s+ja-JP: (.+)$/m.exec(text)!;
    const index = [0, 1, 2, 3, 4, 5, 6, 7].find((i) => sentenceFor(i, 'en-US') === caption[1]);
    assert.ok(index !== undefined, `"${caption[1]}" is a caption of the broadcast`);
    assert.equal(caption[2], translationFor(index!, 'ja-JP', caption[1]));
    assert.ok(!/zh-TW: /.test(text), 'only the chosen language');

    const streamed = emulator.server.accessLog.filter((e) => e.url.startsWith(`/broadcast/${token}/text`));
    assert.ok(streamed.length >= 1);
    for (const s of streamed) assert.equal(s.headers['x-api-key'], undefined, 'watching sends no key');
    assert.ok(!(await workbench.text()).includes(password), 'the password is not on screen');

    await workbench.runCommand('Speech API: Stop Stream…'); // the only running stream: stopped at once
    await waitForOutput(channel, /Stopped watching\./);
  });

  it('creates a broadcast (share link copied), lists it, and revokes it from its context menu after a modal confirmation', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench, page, emulator } = vscode;
    await workbench.clearNotifications();
    await workbench.runCommand('Speech API: Create Broadcast…');
    await workbench.waitForQuickInput({ title: /name/ });
    await workbench.typeInQuickInput('E2E Town Hall', { submit: true });
    await workbench.waitForQuickInput({ title: /spoken language/ });
    await workbench.pickQuickPickItem('en-US');
    await workbench.waitForQuickInput({ title: /caption translations/ });
    await workbench.pickQuickPickItem('de-DE');
    await page.keyboard.press('Enter');
    await workbench.waitForQuickInput({ title: /who can watch/ });
    await workbench.pickQuickPickItem('Public');
    const created = await workbench.waitForNotification(/^Broadcast "E2E Town Hall" created\. Share link copied to the clipboard: (\S+)\./);
    const shareUrl = /clipboard: (\S+)\. Host/.exec(created.message)![1];
    assert.match(shareUrl, new RegExp(`^${escape(emulator.origin)}/broadcast/[a-z0-9]{4}$`));
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText()),
      shareUrl,
    );
    await created.dismiss();

    await showView(BROADCASTS_VIEW);
    await workbench.waitForTreeItem(BROADCASTS_VIEW, 'E2E Town Hall');
    const item = (await workbench.treeItems(BROADCASTS_VIEW)).find((r) => r.label === 'E2E Town Hall')!;
    assert.match(item.description, /^pending · [a-z0-9]{4}$/);

    await workbench.treeItemContextMenu(BROADCASTS_VIEW, 'E2E Town Hall', 'Revoke Broadcast…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Revoke "E2E Town Hall"/);
    await dialog.locator('.monaco-button', { hasText: /^Revoke$/ }).click();
    await workbench.waitForNotification(/^Revoked "E2E Town Hall"/);
    await workbench.poll(
      async () => !(await workbench.treeItems(BROADCASTS_VIEW)).some((r) => r.label === 'E2E Town Hall'),
      'the revoked broadcast to leave the view',
    );
    const token = shareUrl.split('/').pop();
    assert.equal((await fetch(`${emulator.origin}/api/v1/viewer/broadcasts/${token}`)).status, 404, 'the share link no longer works');
  });

  it("copies a protected broadcast's viewer password from its context menu, and never shows it", async () => {
    const { workbench, page } = vscode;
    const { name, password } = SEEDED_BROADCASTS.password;
    await workbench.clearNotifications();
    await showView(BROADCASTS_VIEW);
    await workbench.treeItemContextMenu(BROADCASTS_VIEW, name, 'Copy Viewer Password');
    await workbench.waitForNotification(`Viewer password of "${name}" copied.`);
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText()),
      password,
    );
    const tooltip = await workbench.treeItemTooltip(BROADCASTS_VIEW, name);
    assert.match(tooltip, /password-protected/);
    assert.ok(!tooltip.includes(password), 'the tooltip masks the password');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
