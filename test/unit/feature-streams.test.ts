// The running-streams registry's status-bar item and context key (streams/registry.ts), against
// bench/fakeVscode with the status-bar item and setContext recorded.
import assert from 'node:assert/strict';
import { fakeVscode, replace } from './featureHarness';

interface FakeItem {
  text: string;
  tooltip: unknown;
  visible: boolean;
  shows: number;
}

describe('features/streams running-streams status', () => {
  let fake: ReturnType<typeof fakeVscode>;
  let registry: typeof import('../../src/features/streams/registry');
  const restore: (() => void)[] = [];
  let item: FakeItem;
  let contexts: unknown[];

  before(() => {
    fake = fakeVscode();
    registry = require('../../src/features/streams/registry');
  });
  beforeEach(() => {
    contexts = [];
    restore.push(
      replace(fake.window, 'createStatusBarItem', () => {
        const it: FakeItem & Record<string, unknown> = {
          text: '',
          tooltip: undefined,
          visible: false,
          shows: 0,
          show: () => ((it.visible = true), it.shows++),
          hide: () => (it.visible = false),
          dispose: () => undefined,
        };
        item = it;
        return it;
      }),
      replace(fake.commands, 'executeCommand', async (id: string, key: string, value: unknown) => {
        if (id === 'setContext' && key === 'speechApi.streams.running') contexts.push(value);
      }),
    );
  });
  afterEach(() => {
    for (const undo of restore.splice(0)) undo();
  });

  const waitMs = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const stream = (id: string, label: string) => ({ id, label, kind: 'sse' as const, stop: () => undefined });

  it('never shows a stream that ends within the grace period, but sets the context key at once', async () => {
    const streams = new registry.RunningStreams();
    try {
      const running = streams.add(stream('a', 'History · short'));
      assert.deepEqual(contexts, [false, true]);
      running.dispose();
      await waitMs(400);
      assert.equal(item.shows, 0, 'the status-bar item never showed');
      assert.deepEqual(contexts, [false, true, false]);
    } finally {
      streams.dispose();
    }
  });

  it('shows a longer stream with a plain-text tooltip listing every running stream, and hides it when none runs', async () => {
    const streams = new registry.RunningStreams();
    try {
      const a = streams.add(stream('a', 'History · one'));
      const b = streams.add(stream('b', 'Live · two.wav'));
      assert.deepEqual(contexts, [false, true], 'a second stream does not set the key again');
      await waitMs(400);
      assert.ok(item.visible);
      assert.match(item.text, /2 streams/);
      assert.equal(typeof item.tooltip, 'string', 'no MarkdownString for the host to parse on every update');
      assert.match(String(item.tooltip), /• History · one\n• Live · two\.wav/);
      a.dispose();
      assert.ok(item.visible, 'once shown, an update shows at once');
      assert.match(item.text, /1 stream$/);
      b.dispose();
      assert.equal(item.visible, false);
    } finally {
      streams.dispose();
    }
  });

  it('starts the grace period again after every stream has ended, and shows nothing after dispose', async () => {
    const streams = new registry.RunningStreams();
    const a = streams.add(stream('a', 'History · a'));
    await waitMs(200);
    a.dispose();
    const b = streams.add(stream('b', 'History · b'));
    await waitMs(200);
    assert.equal(item.shows, 0, 'b has run 200 ms: not yet');
    b.dispose();
    streams.add(stream('c', 'History · c'));
    streams.dispose();
    await waitMs(400);
    assert.equal(item.shows, 0, 'a timer pending at dispose never fires');
    streams.add(stream('d', 'History · d'));
    await waitMs(400);
    assert.equal(item.shows, 0, 'a disposed registry shows nothing');
  });
});
