// Notifications whose buttons act (shared/notice.ts) and the explorer's problem sentences, against
// bench/fakeVscode with the window's message functions replaced per test.
import assert from 'node:assert/strict';
import { ApiError } from '../../src/core/errors';
import { fakeVscode, replace } from './featureHarness';

type Shown = { severity: string; text: string; labels: string[] };

describe('features/shared notice and explorer problem wording', () => {
  let fake: ReturnType<typeof fakeVscode>;
  let notice: typeof import('../../src/features/shared/notice');
  let errors: typeof import('../../src/features/shared/errors');
  let explorer: typeof import('../../src/features/explorer/presentation');
  const restore: (() => void)[] = [];
  let shown: Shown[];

  /** Every message function records what it showed and answers `choose(labels)`. */
  function answer(choose: (labels: string[]) => string | undefined): void {
    shown = [];
    for (const [name, severity] of [
      ['showErrorMessage', 'error'],
      ['showWarningMessage', 'warning'],
      ['showInformationMessage', 'info'],
    ] as const) {
      restore.push(
        replace(fake.window, name, async (text: string, ...labels: string[]) => {
          shown.push({ severity, text, labels });
          return choose(labels);
        }),
      );
    }
  }

  before(() => {
    fake = fakeVscode();
    notice = require('../../src/features/shared/notice');
    errors = require('../../src/features/shared/errors');
    explorer = require('../../src/features/explorer/presentation');
  });
  afterEach(() => {
    for (const r of restore.splice(0).reverse()) r();
  });

  it('runs only the chosen button and resolves to its result', async () => {
    answer((labels) => labels[1]);
    const ran: string[] = [];
    const result = await notice.showNotice('warning', 'Pick one', [
      { label: 'A', run: () => (ran.push('A'), 1) },
      { label: 'B', run: async () => (ran.push('B'), 2) },
    ]);
    assert.equal(result, 2);
    assert.deepEqual(ran, ['B']);
    assert.deepEqual(shown, [{ severity: 'warning', text: 'Pick one', labels: ['A', 'B'] }]);
  });

  it("waits for a button whose action is a Thenable (as vscode's calls return) and resolves to its value", async () => {
    answer((labels) => labels[0]);
    const thenable: PromiseLike<string> = { then: (onDone) => Promise.resolve('opened').then(onDone) };
    assert.equal(await notice.showNotice('info', 'Saved', [{ label: 'Open', run: () => thenable }]), 'opened');
    assert.deepEqual(shown, [{ severity: 'info', text: 'Saved', labels: ['Open'] }]);
  });

  it('resolves to undefined and runs nothing when dismissed', async () => {
    answer(() => undefined);
    let ran = false;
    assert.equal(await notice.showNotice('error', 'Oops', [{ label: 'A', run: () => (ran = true) }]), undefined);
    assert.equal(ran, false);
    assert.equal(shown[0]!.severity, 'error');
  });

  it("shows a catalogue error with its action's button before Show Log, and Set API Key asks for that provider's key", async () => {
    answer((labels) => labels.find((l) => l === 'Set API Key'));
    const asked: unknown[] = [];
    const reporter = errors.createErrorReporter(() => ({
      setKey: async (provider) => asked.push(provider),
      reviewHost: async () => assert.fail('not chosen'),
      showLog: () => assert.fail('not chosen'),
    }));
    await reporter.show('List tasks', new ApiError({ provider: 'vurbo', code: 'auth_missing_api_key' }));
    assert.deepEqual(shown[0]!.labels, ['Set API Key', 'Show Log']);
    assert.match(shown[0]!.text, /^List tasks: /);
    assert.deepEqual(asked, ['vurbo']);
  });

  it('shows nothing for a cancellation', async () => {
    answer(() => undefined);
    const reporter = errors.createErrorReporter(() => ({ setKey: async () => undefined, reviewHost: async () => undefined, showLog: () => undefined }));
    await reporter.show('List tasks', new ApiError({ provider: 'vurbo', code: 'cancelled' }));
    assert.deepEqual(shown, []);
  });

  it('words every request and console problem with its details', () => {
    assert.equal(explorer.problemText({ code: 'invalid_url', url: 'nope' }), '"nope" is not an absolute URL.');
    assert.equal(
      explorer.problemText({ code: 'unknown_endpoint', method: 'PUT', path: '/x', allowed: ['GET', 'POST'] }),
      'PUT /x is not an endpoint; that path takes GET, POST.',
    );
    assert.equal(explorer.problemText({ code: 'unknown_endpoint', method: 'PUT', path: '/x', allowed: [] }), 'PUT /x is not an endpoint of the API.');
    assert.match(explorer.problemText({ code: 'multipart_unsupported' }), /^Multipart uploads cannot be sent/);
    assert.equal(explorer.outgoingProblemText({ code: 'invalid_json', detail: 'Unexpected end' }), 'Not valid JSON: Unexpected end');
    assert.equal(explorer.outgoingProblemText({ code: 'no_type' }), 'The envelope needs a string "type" ("voice-translation" or "health").');
  });
});
