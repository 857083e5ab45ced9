// The demo's sample project: what a user of the speech APIs might have open. The keys planted in it
// are generated on every run (they work nowhere, not even in the sandbox) so the hard-coded key
// scanner has something to flag; the WAV is synthesised here for live sessions and uploads.
import { generateValossaKey, generateVurboKey } from '../../src/emulator/keys';
import type { WorkspaceFiles } from '../../test/e2e/support/workspace';

/** 16-bit mono PCM WAV of a few short tones with pauses (a stand-in for speech). */
export function toneWav(seconds = 6, sampleRate = 16_000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  const notes = [440, 523.25, 659.25, 587.33, 493.88, 392];
  for (let i = 0; i < samples; i++) {
    const t = i / sampleRate;
    const beat = Math.floor(t / 0.5);
    const inBeat = t - beat * 0.5;
    const on = inBeat < 0.35;
    // Short fades at each edge avoid clicks.
    const envelope = on ? Math.min(1, inBeat / 0.02, (0.35 - inBeat) / 0.02) : 0;
    const value = envelope * 0.3 * Math.sin(2 * Math.PI * notes[beat % notes.length] * t);
    data.writeInt16LE(Math.round(value * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export function demoWorkspaceFiles(): WorkspaceFiles {
  const plantedVurbo = generateVurboKey();
  const plantedValossa = generateValossaKey();
  return {
    'README.md': [
      '# Speech API Explorer demo',
      '',
      'The local sandbox (an emulator of the Valossa Core and Vurbo.ai VAS APIs) started with this window:',
      'both providers point at it and its keys are stored for it alone (see the status bar).',
      '',
      'Things to try:',
      '',
      '- Open the **Speech API** view in the activity bar: Valossa jobs and Vurbo tasks from the sandbox.',
      '- `F1` → **Speech API: Test API Key**.',
      '- Open `.env` and `src/transcribe.js`: the keys planted there are flagged as hard-coded secrets.',
      '- `samples/tones.wav` is a short recording to upload or to stream into a live session.',
      '- `F1` → **Speech API: Show Log** shows what the extension did (keys are never printed).',
      '',
    ].join('\n'),
    '.env': [
      '# Generated for this demo run; these keys work nowhere. The scanner flags them.',
      `VURBO_API_KEY=${plantedVurbo}`,
      `VALOSSA_API_KEY=${plantedValossa}`,
      'LOG_LEVEL=info',
      '',
    ].join('\n'),
    'src/transcribe.js': [
      "// Sends a recording to Vurbo for transcription. The key below is hard-coded on purpose (demo):",
      '// the scanner flags it and offers to move it into secret storage.',
      "const fs = require('fs');",
      '',
      `const API_KEY = '${plantedVurbo}';`,
      "const BASE_URL = process.env.VURBO_BASE_URL || 'https://vas-poc.vurbo.ai';",
      '',
      'async function listTasks() {',
      "  const res = await fetch(`${BASE_URL}/api/v1/tasks?status=all`, { headers: { 'X-API-Key': API_KEY } });",
      '  return res.json();',
      '}',
      '',
      "listTasks().then((tasks) => console.log(tasks), (e) => console.error(e));",
      'module.exports = { listTasks, audio: () => fs.readFileSync(`${__dirname}/../samples/tones.wav`) };',
      '',
    ].join('\n'),
    'samples/tones.wav': toneWav(),
  };
}
