// The features' shared template without VS Code: resolveTargets, ClientCache, the Disposable base
// and createCommands, against bench/fakeVscode (window and commands replaced per test).
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ApiError } from '../../src/core/errors';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import type { TargetSource } from '../../src/features/shared/targets';
import { fakeVscode, recordingLog, recordingReporter, replace, TestConnections } from './featureHarness';

interface Item {
  id: string;
  fits: boolean;
}

describe('features/shared (targets, client cache, disposal, commands)', () => {
  let fake: ReturnType<typeof fakeVscode>;
  let targets: typeof import('../../src/features/shared/targets');
  let cache: typeof import('../../src/features/shared/clientCache');
  let dispose: typeof import('../../src/features/shared/dispose');
  let commands: typeof import('../../src/features/shared/commands');
  const restore: (() => void)[] = [];

  before(() => {
    fake = fakeVscode();
    targets = require('../../src/features/shared/targets');
    cache = require('../../src/features/shared/clientCache');
    dispose = require('../../src/features/shared/dispose');
    commands = require('../../src/features/shared/commands');
  });
  afterEach(() => {
    for (const r of restore.splice(0).reverse()) r();
  });

  describe('resolveTargets', () => {
    const items: Item[] = [
      { id: 'a', fits: true },
      { id: 'b', fits: false },
      { id: 'c', fits: true },
    ];
    const node = (item: Item) => ({ kind: 'row', item });
    const source: TargetSource<Item> = {
      fromNode: (n) => ((n as { kind?: string } | undefined)?.kind === 'row' ? (n as { item: Item }).item : undefined),
      byId: async (id) => items.find((i) => i.id === id),
      candidates: async () => items,
      toPickItem: (i) => ({ label: i.id }),
      noneFits: 'Nothing fits.',
    };
    const fits = (i: Item) => i.fits;
    let picks: { items: { label: string }[]; options: vscode.QuickPickOptions }[];
    let informed: string[];

    /** The quick pick answers with `answer(items)`; information messages are recorded. */
    function stubWindow(answer: (items: { label: string }[]) => unknown): void {
      picks = [];
      informed = [];
      restore.push(
        replace(
          fake.window,
          'showQuickPick',
          async (shown: { label: string }[], options: vscode.QuickPickOptions) => (picks.push({ items: shown, options }), answer(shown)),
        ),
        replace(fake.window, 'showInformationMessage', async (message: string) => void informed.push(message)),
      );
    }

    it('takes the fitting rows of a multi-selection (all with many, else the first)', async () => {
      stubWindow(() => assert.fail('no pick for a selection'));
      const args = [node(items[0]), [node(items[0]), node(items[1]), node(items[2]), { kind: 'other view' }]];
      assert.deepEqual(await targets.resolveTargets(source, args, { title: 'T', filter: fits, many: true }), [items[0], items[2]]);
      assert.deepEqual(await targets.resolveTargets(source, args, { title: 'T', filter: fits }), [items[0]]);
    });

    it('takes the clicked row when it fits, nothing when it does not', async () => {
      stubWindow(() => assert.fail('no pick for a clicked row'));
      assert.deepEqual(await targets.resolveTargets(source, [node(items[2])], { title: 'T', filter: fits }), [items[2]]);
      assert.deepEqual(await targets.resolveTargets(source, [node(items[1])], { title: 'T', filter: fits }), []);
    });

    it('looks up an id passed by another command', async () => {
      stubWindow(() => assert.fail('no pick for an id'));
      assert.deepEqual(await targets.resolveTargets(source, ['b'], { title: 'T' }), [items[1]]);
      assert.deepEqual(await targets.resolveTargets(source, ['zz'], { title: 'T' }), []);
    });

    it('offers the fitting candidates in a pick list (one, or many), and nothing when the pick is cancelled', async () => {
      stubWindow((shown) => shown[1]);
      assert.deepEqual(await targets.resolveTargets(source, [], { title: 'Pick one', filter: fits }), [items[2]]);
      assert.deepEqual(
        picks[0].items.map((i) => i.label),
        ['a', 'c'],
      );
      assert.equal(picks[0].options.title, 'Pick one');
      assert.notEqual(picks[0].options.canPickMany, true);
      stubWindow((shown) => shown);
      assert.deepEqual(await targets.resolveTargets(source, [undefined], { title: 'Pick', many: true }), items);
      assert.equal(picks[0].options.canPickMany, true);
      stubWindow(() => undefined);
      assert.deepEqual(await targets.resolveTargets(source, [], { title: 'Pick' }), []);
      assert.deepEqual(await targets.resolveTargets(source, [], { title: 'Pick', many: true }), []);
    });

    it('says so, without a pick list, when no candidate fits', async () => {
      stubWindow(() => assert.fail('no pick when nothing fits'));
      assert.deepEqual(await targets.resolveTargets(source, [], { title: 'T', filter: () => false }), []);
      assert.deepEqual(informed, ['Nothing fits.']);
    });
  });

  describe('ClientCache', () => {
    let emu: Emulator;
    before(async () => (emu = await startEmulator({ seed: false })));
    after(() => emu.close());

    function setup() {
      const connections = new TestConnections(emu);
      const clients = new cache.ClientCache(connections, 'vurbo', (c) => ({ key: c.key }));
      restore.push(() => clients.dispose());
      return { connections, clients };
    }

    it('builds one client per connection, shared by concurrent callers', async () => {
      const { connections, clients } = setup();
      assert.equal(clients.peek(), undefined);
      const [a, b] = await Promise.all([clients.get(), clients.get()]);
      assert.equal(a, b);
      assert.equal(await clients.get(false), a);
      assert.equal(clients.peek(), a);
      assert.equal(connections.connects, 1);
    });

    it('drops the client when its provider’s connection changes, not another’s', async () => {
      const { connections, clients } = setup();
      const first = await clients.get();
      connections.switchKey('valossa', undefined);
      assert.equal(clients.peek(), first);
      connections.switchKey('vurbo', 'another-key');
      assert.equal(clients.peek(), undefined);
      const second = await clients.get();
      assert.notEqual(second, first);
      assert.equal(second.key, 'another-key');
      assert.equal(connections.connects, 2);
    });

    it('does not cache a failure, nor keep a client that resolved after a drop', async () => {
      const { connections, clients } = setup();
      connections.keys.vurbo = undefined;
      await assert.rejects(clients.get(), (e: unknown) => e instanceof ApiError && e.code === 'no_key');
      connections.keys.vurbo = emu.keys.vurbo;
      assert.equal((await clients.get()).key, emu.keys.vurbo, 'the next call connects again');
      clients.drop();
      const pending = clients.get();
      clients.drop();
      await pending;
      assert.equal(clients.peek(), undefined, 'a client from before the drop is not kept');
      clients.dispose();
      connections.switchKey('vurbo', 'k');
      assert.equal(connections.changes.listenerCount, 0, 'disposed: no longer listening');
    });
  });

  describe('Disposable', () => {
    function owner() {
      class Owner extends dispose.Disposable {
        own<T extends vscode.Disposable>(d: T): T {
          return this.register(d);
        }
        get done(): boolean {
          return this.isDisposed;
        }
      }
      return new Owner();
    }
    const recorder = (log: string[], name: string) => ({ dispose: () => void log.push(name) });

    it('releases what it owns in reverse order, once', () => {
      const log: string[] = [];
      const o = owner();
      const first = recorder(log, 'first');
      assert.equal(o.own(first), first);
      o.own(recorder(log, 'second'));
      o.own(recorder(log, 'third'));
      assert.equal(o.done, false);
      o.dispose();
      o.dispose();
      assert.deepEqual(log, ['third', 'second', 'first']);
      assert.equal(o.done, true);
    });

    it('releases at once what is registered after dispose()', () => {
      const log: string[] = [];
      const o = owner();
      o.dispose();
      o.own(recorder(log, 'late'));
      assert.deepEqual(log, ['late']);
      o.dispose();
      assert.deepEqual(log, ['late']);
    });

    it('toDisposable runs its function once', () => {
      let runs = 0;
      const d = dispose.toDisposable(() => runs++);
      d.dispose();
      d.dispose();
      assert.equal(runs, 1);
    });
  });

  describe('createCommands', () => {
    function setup() {
      const log = recordingLog();
      const errors = recordingReporter();
      return { log, errors, cmds: commands.createCommands(log, errors) };
    }

    it('ignores cancellations (ours and VS Code’s): nothing logged, nothing shown', async () => {
      const { log, errors, cmds } = setup();
      const CancellationError = fake.CancellationError as new () => Error;
      await cmds.guard('Cancel', () => {
        throw new ApiError({ provider: 'vurbo', code: 'cancelled' });
      })();
      await cmds.guard('Cancel', async () => {
        throw new CancellationError();
      })();
      assert.deepEqual(log.lines, []);
      assert.deepEqual(errors.shown, []);
      assert.equal(commands.isCancellation(new Error('Canceled')), false);
    });

    it('logs and shows any other error through the ErrorReporter, named by the action', async () => {
      const { log, errors, cmds } = setup();
      const boom = new Error('boom');
      const seen: unknown[][] = [];
      const guarded = cmds.guard('Delete task', (...args: unknown[]) => {
        seen.push(args);
        throw boom;
      });
      await guarded('t1', 2);
      assert.deepEqual(seen, [['t1', 2]]);
      assert.deepEqual(log.lines, ['error Delete task: boom']);
      assert.deepEqual(errors.shown, [{ context: 'Delete task', error: boom }]);
      await cmds.guard('Fine', async () => 'done')();
      assert.equal(errors.shown.length, 1, 'success shows nothing');
    });

    it('registers a command whose handler is guarded the same way', async () => {
      const { log, errors, cmds } = setup();
      const registered: { id: string; run: (...args: unknown[]) => Promise<void> }[] = [];
      const handle = { dispose: () => undefined };
      restore.push(
        replace(fake.commands, 'registerCommand', (id: string, run: (...args: unknown[]) => Promise<void>) => (registered.push({ id, run }), handle)),
      );
      const failure = new ApiError({ provider: 'vurbo', code: 'network_error' });
      assert.equal(
        cmds.register('speechApi.vurbo.refreshTasks', 'Refresh tasks', () => Promise.reject(failure)),
        handle,
      );
      assert.equal(registered[0].id, 'speechApi.vurbo.refreshTasks');
      await registered[0].run();
      assert.equal(log.lines.length, 1);
      assert.deepEqual(errors.shown, [{ context: 'Refresh tasks', error: failure }]);
    });
  });
});
