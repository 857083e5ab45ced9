// The language-model tools' wrapper and tools without VS Code: the setting and workspace trust,
// errors as catalogue sentences without stack traces, the redactor over every result, what the
// state-changing tools ask in prepareInvocation (and that read-only ones ask nothing), and
// cancellation of a running retranslation against the emulator over loopback.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ApiError } from '../../src/core/errors';
import { redactor } from '../../src/core/redact';
import { ToolInputError } from '../../src/core/tools/errors';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import { fakeVscode, recordingLog, TestConnections } from './featureHarness';

type ToolModule = typeof import('../../src/features/tools/tool');
type Tool = import('../../src/features/tools/tool').SpeechTool<unknown>;

class HostedConnections extends TestConnections {
  override readonly hosts = { current: () => ({}), describe: () => '127.0.0.1:4321 (your user settings)' } as unknown as never;
}

function text(result: vscode.LanguageModelToolResult): string {
  return (result.content as { value: string }[]).map((p) => p.value).join('');
}

function token(): { token: vscode.CancellationToken; cancel(): void } {
  const listeners: (() => void)[] = [];
  const t = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => (listeners.push(l), { dispose: () => undefined }) };
  return { token: t as unknown as vscode.CancellationToken, cancel: () => ((t.isCancellationRequested = true), listeners.forEach((l) => l())) };
}

describe('tools feature (wrapper, confirmations, cancellation)', function () {
  this.timeout(10_000);
  let emu: Emulator;
  let wrap: ToolModule;
  let index: typeof import('../../src/features/tools/index');
  let clientsMod: typeof import('../../src/features/tools/clients');
  let CancellationError: new () => Error;
  const env = { log: recordingLog(), enabled: () => true, trusted: () => true };

  before(async () => {
    const fake = fakeVscode();
    CancellationError = fake.CancellationError as new () => Error;
    wrap = require('../../src/features/tools/tool');
    index = require('../../src/features/tools/index');
    clientsMod = require('../../src/features/tools/clients');
    emu = await startEmulator({ sseEventIntervalMs: 40 });
  });
  after(() => emu.close());

  function tools(connections = new HostedConnections(emu)): Map<string, Tool> {
    const clients = new clientsMod.ToolClients(connections);
    const all = index.allTools(clients, {
      connections,
      sandboxOrigin: () => undefined,
      scanSetup: () => ({ enabled: true, options: {}, baselined: new Set() }),
    });
    return new Map(all.map((t) => [t.name, t as Tool]));
  }

  const run = async (tool: Tool, input: unknown, over: Partial<typeof env> = {}, cancel = token()) =>
    text(
      (await wrap
        .languageModelTool(tool, { ...env, ...over })
        .invoke({ input, toolInvocationToken: undefined } as never, cancel.token)) as vscode.LanguageModelToolResult,
    );

  const fixed = (result: () => Promise<string>, sendsRequests = true): Tool => ({ name: 'test', sendsRequests, progress: () => 'testing', run: result });

  it('passes every result through the redactor: stored keys and key-shaped text are masked', async () => {
    const stored = 'valossa-secret-0123456789';
    redactor.addSecret(stored);
    try {
      const out = await run(
        fixed(async () => `key ${stored} and vas_${'a1'.repeat(16)} and ?api_key=abc`),
        {},
      );
      assert.equal(out, 'key **** and vas_**** and ?api_key=****');
    } finally {
      redactor.removeSecret(stored);
    }
  });

  it('returns errors as the catalogue sentence and next step, bad input as such, and never a stack trace', async () => {
    const noKey = await run(
      fixed(async () => Promise.reject(new ApiError({ provider: 'vurbo', code: 'no_key' }))),
      {},
    );
    assert.match(noKey, /^Error: .+ Next step: Ask the user to run "Speech API: Set API Key"\.$/);
    assert.match(
      await run(
        fixed(async () => Promise.reject(new ToolInputError('task is required.'))),
        {},
      ),
      /^Invalid input: task is required\.$/,
    );
    const crash = await run(
      fixed(async () => Promise.reject(new TypeError('x is undefined'))),
      {},
    );
    assert.equal(crash, 'Error: x is undefined');
    assert.match(env.log.lines.join('\n'), /Language-model tool test failed/);
  });

  it('refuses when turned off, and refuses request-sending tools in an untrusted workspace with the reason', async () => {
    let ran = 0;
    const counting = (sends: boolean) => fixed(async () => String(++ran), sends);
    assert.match(await run(counting(true), {}, { enabled: () => false }), /turned off \(setting speechApi\.tools\.enabled\)/);
    assert.match(await run(counting(true), {}, { trusted: () => false }), /This workspace is not trusted, so Speech API tools that send requests do not run/);
    assert.equal(ran, 0);
    assert.equal(await run(counting(false), {}, { trusted: () => false }), '1', 'the local tools still run');
  });

  it('only the state-changing tools ask for confirmation, naming the task, the change and the host', async () => {
    const all = tools();
    const prepare = (name: string, input: unknown, over: Partial<typeof env> = {}) =>
      wrap.languageModelTool(all.get(name)!, { ...env, ...over }).prepareInvocation!({ input } as never, token().token) as vscode.PreparedToolInvocation;
    for (const name of [
      'speechApi_listVurboTasks',
      'speechApi_getVurboTranscript',
      'speechApi_listValossaJobs',
      'speechApi_getValossaJobSummary',
      'speechApi_scanForHardcodedKeys',
      'speechApi_status',
    ]) {
      assert.equal(prepare(name, { task: 'x', jobId: 'y' }).confirmationMessages, undefined, `${name} asks nothing`);
    }
    const rename = prepare('speechApi_renameVurboTask', { task: 'Interview draft', newName: 'Final' });
    assert.equal(rename.confirmationMessages?.title, 'Rename a Vurbo task?');
    assert.equal(
      (rename.confirmationMessages?.message as vscode.MarkdownString).value,
      'Renames the Vurbo task "Interview draft" to "Final" at 127.0.0.1:4321 (your user settings).',
    );
    const retranslate = prepare('speechApi_retranslateVurboTask', { task: 'Standup', language: 'fi-FI' });
    assert.match(
      (retranslate.confirmationMessages?.message as vscode.MarkdownString).value,
      /^Translates every sentence of the Vurbo task "Standup" into fi-FI again at 127\.0\.0\.1:4321 .*Vurbo bills the translation\.$/,
    );
    const job = prepare('speechApi_newValossaJob', { videoUrl: 'https://m.example/v.mp4', title: 'T' });
    assert.match(
      (job.confirmationMessages?.message as vscode.MarkdownString).value,
      /^Creates a new Valossa Core analysis job for https:\/\/m\.example\/v\.mp4, titled "T", at 127\.0\.0\.1:4321 .*bills the analysis by media length\.$/,
    );
    assert.equal(
      prepare('speechApi_renameVurboTask', { task: 'a', newName: 'b' }, { trusted: () => false }).confirmationMessages,
      undefined,
      'a refused call has nothing to confirm',
    );
  });

  it('lists tasks from the emulator, and reports a missing key as the catalogue error', async () => {
    assert.match(await run(tools().get('speechApi_listVurboTasks')!, { status: 'completed' }), /^\d+ of \d+ Vurbo tasks match status completed\.\n- "/);
    assert.match(
      await run(tools(new HostedConnections(emu, {})).get('speechApi_listVurboTasks')!, {}),
      /^Error: .+ Next step: Ask the user to run "Speech API: Set API Key"\./,
    );
  });

  it('stops a running retranslation when cancelled, with a CancellationError', async () => {
    const connections = new HostedConnections(emu);
    const retranslate = tools(connections).get('speechApi_retranslateVurboTask')!;
    const cancel = token();
    let sseOpened = false;
    connections.traces.event((e) => void ((e as { url?: string }).url?.includes('/sse/retranslate/') && (sseOpened = true)));
    const pending = run(retranslate, { task: 'Weekly product review', language: 'fi-FI' }, {}, cancel);
    const deadline = Date.now() + 5000;
    while (!sseOpened && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.ok(sseOpened, 'the retranslation stream opened');
    cancel.cancel();
    await assert.rejects(pending, (e) => e instanceof CancellationError);
  });
});

describe('tools manifest', () => {
  it('contributes exactly the tools the code registers, each referable, described and with a schema', () => {
    const manifest = require('../../package.json') as { contributes: { languageModelTools: Record<string, unknown>[] } };
    const { TOOL } = require('../../src/features/tools/names') as typeof import('../../src/features/tools/names');
    const contributed = manifest.contributes.languageModelTools;
    assert.deepEqual(contributed.map((t) => t.name).sort(), Object.values(TOOL).sort());
    const refs = new Set<unknown>();
    for (const t of contributed) {
      assert.match(String(t.toolReferenceName), /^speech[A-Z]\w+$/, `${String(t.name)} has a reference name`);
      refs.add(t.toolReferenceName);
      assert.equal(t.canBeReferencedInPrompt, true);
      assert.match(String(t.modelDescription), /^%languageModelTool\.\w+\.modelDescription%$/);
      assert.equal((t.inputSchema as { type: string }).type, 'object');
      assert.equal(t.when, 'config.speechApi.tools.enabled');
    }
    assert.equal(refs.size, contributed.length, 'reference names are unique');
  });
});
