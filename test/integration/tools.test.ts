// The language-model tools through vscode.lm.invokeTool, as the editor's agent calls them: every
// tool against a loopback emulator whose keys were stored with "Import API Key from Environment",
// no stored key in any result, the state-changing tools doing exactly what they name,
// the sandbox seen by the status tool, and the setting that turns the tools off.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import { EXTENSION_ID } from './activation.test';

const TOOLS = [
  'speechApi_listVurboTasks',
  'speechApi_getVurboTranscript',
  'speechApi_listValossaJobs',
  'speechApi_getValossaJobSummary',
  'speechApi_scanForHardcodedKeys',
  'speechApi_status',
  'speechApi_newValossaJob',
  'speechApi_retranslateVurboTask',
  'speechApi_renameVurboTask',
];

const results: { tool: string; text: string }[] = [];

async function invoke(tool: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(tool, { input, toolInvocationToken: undefined });
  const text = result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : JSON.stringify(p))).join('');
  results.push({ tool, text });
  return text;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function setUser(name: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(name, value, vscode.ConfigurationTarget.Global);
}

describe('language-model tools (vscode.lm.invokeTool)', function () {
  this.timeout(60_000);
  let emulator: Emulator;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    assert.equal(typeof vscode.lm?.invokeTool, 'function', `vscode.lm.invokeTool is missing in VS Code ${vscode.version}`);
    emulator = await startEmulator({ jobStepMs: 20 });
    await setUser('speechApi.vurbo.baseUrl', emulator.vurboBaseUrl);
    await setUser('speechApi.valossa.baseUrl', emulator.valossaBaseUrl);
    // The extension host is this process: the import command reads these variables when it runs.
    process.env.VURBO_API_KEY = emulator.keys.vurbo;
    process.env.VALOSSA_API_KEY = emulator.keys.valossa;
    await vscode.commands.executeCommand('speechApi.importKeyFromEnv');
    await until('both keys stored for the emulator', async () => {
      const status = await invoke('speechApi_status', {});
      return (status.match(/key stored for this origin: yes/g) ?? []).length === 2 ? status : undefined;
    });
  });

  after(async () => {
    delete process.env.VURBO_API_KEY;
    delete process.env.VALOSSA_API_KEY;
    await setUser('speechApi.vurbo.baseUrl', undefined);
    await setUser('speechApi.valossa.baseUrl', undefined);
    await emulator?.close();
  });

  it('lists all nine tools with a reference name, a schema and a model description', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('speechApi_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), [...TOOLS].sort());
    for (const t of ours) {
      assert.ok(t.description.length > 80, `${t.name} has a model description`);
      assert.equal((t.inputSchema as { type?: string } | undefined)?.type, 'object', `${t.name} has an input schema`);
      assert.ok(t.tags.includes('speech-api'));
    }
  });

  it('listVurboTasks lists the tasks and filters them by status and name; bad dates are explained', async () => {
    const all = await invoke('speechApi_listVurboTasks', {});
    assert.match(all, /Weekly product review" \(id [^)]+\): completed/);
    assert.match(all, /Untitled Recording/);
    const failed = await invoke('speechApi_listVurboTasks', { status: 'failed' });
    assert.doesNotMatch(failed, /Weekly product review/);
    assert.match(failed, /^1 of \d+ Vurbo tasks match status failed\./);
    const named = await invoke('speechApi_listVurboTasks', { name: 'STANDUP' });
    assert.match(named, /^1 of \d+ .*\n- "Engineering standup"/);
    assert.match(await invoke('speechApi_listVurboTasks', { since: 'last week' }), /Invalid input: since must be a date/);
  });

  it('getVurboTranscript returns numbered sentences with times and speakers, one translation, and a range', async () => {
    const text = await invoke('speechApi_getVurboTranscript', { task: 'Weekly product review' });
    assert.match(text, /^Transcript of "Weekly product review" \(task id [^)]+\): \d+ sentences/);
    assert.match(text, /\n1\. \[0:00\] [^:\n]+: \S/);
    const language = /translations ([\w-]+)/.exec(text)?.[1];
    assert.ok(language, 'the seeded task has a translation');
    const translated = await invoke('speechApi_getVurboTranscript', { task: 'Weekly product review', language, fromSentence: 2, toSentence: 3 });
    assert.match(translated, /Sentences 2–3:\n2\. /);
    assert.match(translated, new RegExp(`\\n   \\(${language}\\) \\S`));
    assert.doesNotMatch(translated, /\n1\. /);
    assert.match(
      await invoke('speechApi_getVurboTranscript', { task: 'no such meeting' }),
      /Invalid input: No Vurbo task has the id or a title containing "no such meeting"/,
    );
  });

  it('listValossaJobs and getValossaJobSummary report jobs and a finished job in brief, not raw metadata', async () => {
    const jobs = await until('a finished seeded job', async () => {
      const list = await invoke('speechApi_listValossaJobs', {});
      return /: finished/.test(list) ? list : undefined;
    });
    assert.match(jobs, /^5 Valossa jobs/);
    assert.match(jobs, /: error \(media transfer error\) — Media download failed/);
    const finished = /- (\S+): finished/.exec(jobs)![1];
    const summary = await invoke('speechApi_getValossaJobSummary', { jobId: finished });
    assert.match(summary, /Media: title "[^"]+", duration \d+:\d\d \(\d+ s\), resolution 1280×720, 25 fps, video h264, audio aac/);
    assert.match(summary, /- visual\.context: person \(\d+ s\), microphone \(\d+ s\)/);
    assert.match(summary, /Speech \(\d+ segments\):\n\[0:01\] \S/);
    assert.doesNotMatch(summary, /detection_groupings|"occs"/);
    const queued = /- (\S+): queued/.exec(jobs)?.[1];
    if (queued) assert.match(await invoke('speechApi_getValossaJobSummary', { jobId: queued }), /is queued: only a finished job/);
  });

  it('scanForHardcodedKeys finds a stored key in a workspace file and reports it without the key', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runner opens a folder');
    const file = path.join(folder.uri.fsPath, 'config/leak.env');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `# test fixture\nVURBO_API_KEY=${emulator.keys.vurbo}\n`);
    try {
      const text = await invoke('speechApi_scanForHardcodedKeys', { path: 'config' });
      assert.match(text, /^1 hard-coded API key finding in 1 files\./);
      assert.match(text, /- config\/leak\.env:2 {2}rule \S+ \(vurbo\) {2}severity \w+ {2}git \w+ {2}fingerprint \S+/);
      assert.match(await invoke('speechApi_scanForHardcodedKeys', { path: '../..' }), /Invalid input: "\.\.\/\.\." is not inside an open workspace folder/);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  // Under extensionTestsPath (and the smoke-test driver) VS Code's DialogService does not show a
  // modal: it answers every confirm() with "confirmed" (DialogService.skipDialogs). So here the
  // confirmation the tools ask for passes by itself; test/unit/feature-tools.test.ts checks what
  // prepareInvocation asks, and that nothing runs without it.
  it('renameVurboTask renames exactly the task named, once confirmed', async () => {
    const done = await invoke('speechApi_renameVurboTask', { task: 'Interview draft', newName: 'Interview, final' });
    assert.match(done, /^Renamed the Vurbo task \S+ from "Interview draft" to "Interview, final"\./);
    assert.match(await invoke('speechApi_listVurboTasks', { name: 'Interview, final' }), /^1 of/);
    assert.match(
      await invoke('speechApi_renameVurboTask', { task: 'Interview', newName: 'x' }),
      /Invalid input: No Vurbo task has the id or title "Interview"/,
    );
  });

  it('retranslateVurboTask and newValossaJob do what they say', async () => {
    const retranslated = await invoke('speechApi_retranslateVurboTask', { task: 'Engineering standup', language: 'fi-FI' });
    assert.match(retranslated, /^Retranslated [1-9]\d* sentences of "Engineering standup" into fi-FI\./);
    assert.match(await invoke('speechApi_getVurboTranscript', { task: 'Engineering standup', language: 'fi-FI' }), /\n {3}\(fi-FI\) \S/);
    const created = await invoke('speechApi_newValossaJob', { videoUrl: 'https://media.example.com/videos/tools-test.mp4', title: 'Tools test' });
    const jobId = /^Created Valossa job (\S+) for/.exec(created)?.[1];
    assert.ok(jobId, created);
    assert.match(await invoke('speechApi_listValossaJobs', {}), new RegExp(`- ${jobId}: `));
    assert.match(await invoke('speechApi_newValossaJob', { videoUrl: 'file:///etc/passwd' }), /Invalid input: videoUrl must be an http\(s\) URL/);
  });

  it('speechApiStatus sees the sandbox start and stop', async () => {
    await vscode.commands.executeCommand('speechApi.sandbox.start');
    try {
      const running = await invoke('speechApi_status', {});
      assert.match(running, /- Sandbox: running at http:\/\/127\.0\.0\.1:\d+/);
      assert.match(running, /this is the local sandbox/);
      assert.match(running, /- Workspace trust: trusted/);
    } finally {
      await vscode.commands.executeCommand('speechApi.sandbox.stop');
    }
    assert.match(await invoke('speechApi_status', {}), /- Sandbox: not running/);
  });

  it('no tool result holds a stored key, and errors carry no stack trace', () => {
    assert.ok(results.length >= 20, `only ${results.length} results were collected`);
    const secrets = [emulator.keys.vurbo, emulator.keys.vurbo.slice(4), emulator.keys.valossa];
    const leaks = results.filter((r) => secrets.some((s) => r.text.includes(s)));
    assert.deepEqual(
      leaks.map((r) => r.tool),
      [],
    );
    const traces = results.filter((r) => /\n\s+at \S+ \(|\.js:\d+:\d+/.test(r.text));
    assert.deepEqual(
      traces.map((r) => r.tool),
      [],
    );
  });

  it('speechApi.tools.enabled off: every call is refused with the setting named', async () => {
    await setUser('speechApi.tools.enabled', false);
    try {
      const refused = await invoke('speechApi_listVurboTasks', {});
      assert.match(refused, /turned off \(setting speechApi\.tools\.enabled\)/);
      assert.doesNotMatch(refused, /Weekly product review/);
    } finally {
      await setUser('speechApi.tools.enabled', undefined);
    }
    assert.match(await invoke('speechApi_listVurboTasks', {}), /Weekly product review/);
  });
});
