// The Vurbo Broadcasts feature without VS Code: BroadcastsModel against the emulator over loopback
// (real HttpClient), BroadcastsTreeProvider's rows, and presentation.ts's words.
import assert from 'node:assert/strict';
import { HttpClient } from '../../src/core/http/client';
import type { Broadcast } from '../../src/core/vurbo/broadcasts';
import { BroadcastsApi } from '../../src/core/vurbo/broadcastsApi';
import { VurboClient } from '../../src/core/vurbo/client';

/** The model's server page (src/features/broadcasts/model.ts). */
const BROADCAST_PAGE_SIZE = 50;
import { startEmulator, type Emulator } from '../../src/emulator/index';
import { generateVurboKey } from '../../src/emulator/keys';
import { activeTimers, assertLoadError, fakeVscode, recordingLog, TestConnections, until } from './featureHarness';

describe('broadcasts feature (model, tree, presentation)', function () {
  this.timeout(10_000);
  let emu: Emulator;
  /** Keys without seeded broadcasts (the main key has two live ones). */
  const spare = { many: generateVurboKey(), few: generateVurboKey() };
  const MANY = BROADCAST_PAGE_SIZE + 10;
  let mod: typeof import('../../src/features/broadcasts/model');
  let tree: typeof import('../../src/features/broadcasts/tree');
  let pres: typeof import('../../src/features/broadcasts/presentation');
  let COMMAND: typeof import('../../src/features/shared/commandIds').COMMAND;
  const owned: { dispose(): void }[] = [];

  before(async () => {
    fakeVscode();
    mod = require('../../src/features/broadcasts/model');
    tree = require('../../src/features/broadcasts/tree');
    pres = require('../../src/features/broadcasts/presentation');
    COMMAND = (require('../../src/features/shared/commandIds') as typeof import('../../src/features/shared/commandIds')).COMMAND;
    emu = await startEmulator({ extraVurboKeys: Object.values(spare) });
    const http = new HttpClient({ provider: 'vurbo' });
    const create = (key: string, name: string) =>
      new BroadcastsApi(new VurboClient({ baseUrl: emu.vurboBaseUrl, key, http })).create({ name, transcriptionLanguage: 'en-US' });
    for (let i = 1; i <= MANY; i++) await create(spare.many, `Broadcast ${i}`);
    await create(spare.few, 'Only one');
  });
  afterEach(() => {
    for (const d of owned.splice(0)) d.dispose();
  });
  after(() => emu.close());

  /** `null`: no key stored. */
  function setup(key: string | null = emu.keys.vurbo) {
    const connections = new TestConnections(emu, { vurbo: key ?? undefined });
    const log = recordingLog();
    const model = new mod.BroadcastsModel(connections, log);
    owned.push(model);
    const pages: string[] = [];
    owned.push(connections.traces.event((e) => e.url.includes('/api/v1/broadcasts?') && pages.push(new URL(e.url).searchParams.get('page') ?? '')));
    return { connections, log, model, pages };
  }

  describe('BroadcastsModel', () => {
    it('loads the first page: loading, then loaded', async () => {
      const { model } = setup();
      const seen: string[] = [];
      owned.push(model.onDidChange(() => seen.push(model.state.kind)));
      await model.refresh();
      assert.deepEqual(seen, ['loading', 'loaded']);
      assert.equal(model.broadcasts.length, 2);
      assert.equal(model.total, 2);
      assert.equal(model.hasMore, false);
    });

    it('loads further pages on loadMore, and only the first again on refresh', async () => {
      const { model, pages } = setup(spare.many);
      await model.refresh();
      assert.equal(model.broadcasts.length, BROADCAST_PAGE_SIZE);
      assert.equal(model.total, MANY);
      assert.ok(model.hasMore);
      await model.loadMore();
      assert.equal(model.broadcasts.length, MANY);
      assert.equal(new Set(model.broadcasts.map((b) => b.id)).size, MANY, 'no broadcast twice');
      assert.equal(model.hasMore, false);
      await model.loadMore();
      assert.deepEqual(pages, ['1', '2'], 'nothing more to load: no request');
      await model.refresh();
      assert.equal(model.broadcasts.length, BROADCAST_PAGE_SIZE);
      assert.ok(model.hasMore);
    });

    it('says noKey without a key, and is in the error state when the key is rejected', async () => {
      const none = setup(null);
      await none.model.refresh();
      assert.equal(none.model.state.kind, 'noKey');
      assert.deepEqual(none.pages, []);
      assert.equal(none.model.hasMore, false);
      const wrong = setup(generateVurboKey());
      await wrong.model.refresh();
      assert.equal(wrong.model.state.kind, 'error');
      assert.equal((wrong.model.state as { error: { status?: number } }).error.status, 401);
      assert.equal(wrong.model.hasMore, false, 'a failed page offers no next page');
      assert.ok(wrong.log.lines.some((l) => l.startsWith('warn Broadcasts: ')));
    });

    it('reloads when the Vurbo connection changes', async () => {
      const { model, connections } = setup();
      await model.refresh();
      connections.switchKey('vurbo', spare.few);
      await until(model.onDidChange, () => model.broadcasts.length === 1, 'the other key’s list');
      assert.equal(model.broadcasts[0].name, 'Only one');
    });

    it('keeps a refresh timer only while visible and a broadcast is active; dispose() clears it', async () => {
      const { model } = setup();
      model.setVisible(true); // loads the first page, then starts the timer
      await until(model.onDidChange, () => model.state.kind === 'loaded', 'the first page');
      assert.ok(model.broadcasts.some((b) => b.status === 'active'));
      // Sockets keep timers of their own: compare counts around synchronous changes only.
      const visible = activeTimers();
      model.setVisible(false);
      assert.equal(activeTimers(), visible - 1, 'hidden: the timer is gone');
      model.setVisible(true);
      assert.equal(activeTimers(), visible, 'visible again: one timer');
      model.setVisible(true);
      assert.equal(activeTimers(), visible, 'still one timer');
      model.dispose();
      assert.equal(activeTimers(), visible - 1, 'disposed: no timer');
    });

    it('keeps no timer while no broadcast is active', async () => {
      const { model } = setup(spare.few);
      await model.refresh();
      const before = activeTimers();
      model.setVisible(true);
      assert.equal(activeTimers(), before);
    });
  });

  describe('BroadcastsTreeProvider', () => {
    const viewOf = (model: InstanceType<typeof mod.BroadcastsModel>) => {
      const view = new tree.BroadcastsTreeProvider(model);
      owned.push(view);
      return view;
    };

    it('shows a row per broadcast and a "Load more" row while pages are left', async () => {
      const { model } = setup(spare.many);
      const view = viewOf(model);
      let redraws = 0;
      owned.push(view.onDidChangeTreeData(() => redraws++));
      await model.refresh();
      assert.ok(redraws >= 1);
      const root = view.getChildren();
      assert.equal(root.length, BROADCAST_PAGE_SIZE + 1);
      assert.deepEqual(root.at(-1), { kind: 'more', shown: BROADCAST_PAGE_SIZE, total: MANY });
      const more = view.getTreeItem(root.at(-1)!);
      assert.equal((more.command as { command: string }).command, COMMAND.broadcasts.loadMore);
      assert.deepEqual(view.getChildren(root[0]), []);
      const item = view.getTreeItem(root[0]);
      const b = tree.broadcastOfNode(root[0])!;
      assert.equal(item.id, `broadcast:${b.id}`);
      assert.equal(item.label, b.name);
      assert.equal(item.contextValue, 'broadcast.pending');
      assert.match(String(item.description), /^pending · [a-z0-9]{4}$/);
      const tooltip = view.resolveTreeItem(item, root[0]).tooltip as { value: string };
      assert.ok(tooltip.value.startsWith(`**${b.name}** — pending`), tooltip.value);
      await model.loadMore();
      assert.equal(view.getChildren().length, MANY);
    });

    it('shows no rows and the error in the view message when loading failed and nothing is known', async () => {
      const { model } = setup(generateVurboKey());
      const view = viewOf(model);
      await model.refresh();
      assertLoadError(view, model.state, /^Could not load: .*key/i);
    });
  });

  describe('presentation', () => {
    const broadcast = (b: Partial<Broadcast>): Broadcast => ({
      id: 'b1',
      token: 'a3f9',
      name: 'Town hall',
      shareUrl: 'http://127.0.0.1:9/broadcast/a3f9',
      transcriptionLanguage: 'en-US',
      translationLanguages: [],
      accessType: 'public',
      status: 'pending',
      isLive: false,
      peakViewers: 0,
      totalViewers: 0,
      recordingsCount: 0,
      durationMs: 0,
      speakerDiarization: false,
      ...b,
    });

    it('names the state: live, standby, or the server status', () => {
      assert.equal(pres.stateOf(broadcast({ isLive: true, status: 'active' })), 'live');
      assert.equal(pres.stateOf(broadcast({ status: 'active', phase: 'live' })), 'live');
      assert.equal(pres.stateOf(broadcast({ status: 'active', phase: 'standby' })), 'standby');
      assert.equal(pres.stateOf(broadcast({ status: 'active' })), 'standby');
      for (const status of ['pending', 'ended', 'revoked']) assert.equal(pres.stateOf(broadcast({ status })), status);
      assert.equal(pres.isRunning(broadcast({ status: 'active' })), true);
      assert.equal(pres.isRunning(broadcast({ status: 'ended' })), false);
    });

    it('describes viewers (not for ended or pending ones) and password access', () => {
      assert.equal(pres.broadcastDescription(broadcast({ isLive: true, status: 'active', viewerCount: 3 })), 'live · 3 viewers · a3f9');
      assert.equal(pres.broadcastDescription(broadcast({ status: 'active', viewerCount: 1, accessType: 'password' })), 'standby · 1 viewer · a3f9 · password');
      assert.equal(pres.broadcastDescription(broadcast({ status: 'ended', viewerCount: 3 })), 'ended · a3f9');
      assert.equal(pres.broadcastDescription(broadcast({ status: 'pending', viewerCount: 0 })), 'pending · a3f9');
    });

    it('picks an icon and a context value per state', () => {
      assert.deepEqual(pres.broadcastIcon(broadcast({ isLive: true })), { id: 'broadcast', color: 'charts.red' });
      assert.deepEqual(pres.broadcastIcon(broadcast({ status: 'active' })), { id: 'debug-pause', color: 'charts.yellow' });
      assert.deepEqual(pres.broadcastIcon(broadcast({ status: 'ended' })), { id: 'pass' });
      assert.deepEqual(pres.broadcastIcon(broadcast({ status: 'pending' })), { id: 'circle-large-outline' });
      assert.equal(pres.broadcastContextValue(broadcast({ status: 'active', accessType: 'password' })), 'broadcast.standby.password');
      assert.equal(pres.broadcastContextValue(broadcast({ status: 'revoked' })), 'broadcast.revoked');
    });

    it('escapes Markdown in the tooltip', () => {
      const md = pres.broadcastTooltipMarkdown(broadcast({ name: '*Big* [news]', translationLanguages: ['ja-JP'] }));
      assert.ok(md.startsWith('**\\*Big\\* \\[news\\]** — pending'), md);
      assert.ok(md.includes('translations: ja\\-JP'), md);
    });
  });
});
