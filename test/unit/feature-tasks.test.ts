// The Vurbo Tasks feature without VS Code: TasksModel against the emulator over loopback (real
// HttpClient), TasksTreeProvider's groups and paging, and presentation.ts's words.
import assert from 'node:assert/strict';
import type { VurboTask } from '../../src/core/vurbo/types';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import { generateVurboKey } from '../../src/emulator/keys';
import { activeTimers, assertLoadError, fakeVscode, recordingLog, TestConnections, until } from './featureHarness';

describe('tasks feature (model, tree, presentation)', function () {
  this.timeout(10_000);
  let emu: Emulator;
  /** Every key seeds its own tasks on first use: one recording (active), one failed, five completed. */
  const keys = Array.from({ length: 8 }, () => generateVurboKey());
  let nextKey = 0;
  let mod: typeof import('../../src/features/tasks/model');
  let tree: typeof import('../../src/features/tasks/tree');
  let pres: typeof import('../../src/features/tasks/presentation');
  let COMMAND: typeof import('../../src/features/shared/commandIds').COMMAND;
  const owned: { dispose(): void }[] = [];

  before(async () => {
    fakeVscode();
    mod = require('../../src/features/tasks/model');
    tree = require('../../src/features/tasks/tree');
    pres = require('../../src/features/tasks/presentation');
    COMMAND = (require('../../src/features/shared/commandIds') as typeof import('../../src/features/shared/commandIds')).COMMAND;
    emu = await startEmulator({ extraVurboKeys: keys });
  });
  afterEach(() => {
    for (const d of owned.splice(0)) d.dispose();
    emu.clearFaults();
  });
  after(() => emu.close());

  /** A model on a fresh key (`null`: no key stored); polls every `pollMs` (0: never). */
  function setup(key: string | null = keys[nextKey++], pollMs = 0) {
    const connections = new TestConnections(emu, { vurbo: key ?? undefined });
    const log = recordingLog();
    const model = new mod.TasksModel(connections, log, () => pollMs);
    owned.push(model);
    const lists: string[] = [];
    owned.push(
      connections.traces.event((e) => e.method === 'GET' && /\/api\/v1\/tasks\?/.test(e.url) && lists.push(new URL(e.url).searchParams.get('status') ?? '')),
    );
    return { connections, log, model, lists };
  }

  describe('TasksModel', () => {
    it('loads the tasks: loading, then loaded', async () => {
      const { model, lists } = setup();
      const seen: string[] = [];
      owned.push(model.onDidChange(() => seen.push(model.state.kind)));
      await model.refresh();
      assert.deepEqual(seen, ['loading', 'loaded']);
      assert.equal(model.tasks.length, 7);
      assert.deepEqual(lists, ['all']);
      assert.ok(model.hasActive, 'the seeded recording is active');
      assert.equal(model.get(model.tasks[0].taskId), model.tasks[0]);
      assert.match(model.historyUrl('t1')!, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/.*t1/);
    });

    it('says noKey without a key, and is in the error state when the key is rejected', async () => {
      const none = setup(null);
      await none.model.refresh();
      assert.equal(none.model.state.kind, 'noKey');
      assert.deepEqual(none.lists, []);
      const wrong = setup(generateVurboKey());
      await wrong.model.refresh();
      assert.equal(wrong.model.state.kind, 'error');
      assert.equal((wrong.model.state as { error: { status?: number } }).error.status, 401);
      assert.ok(wrong.log.lines.some((l) => l.startsWith('warn Loading Vurbo tasks failed')));
    });

    it('shares one request between concurrent refreshes, plus one more asked for meanwhile', async () => {
      const { model, lists } = setup();
      let loaded = 0;
      owned.push(model.onDidChange(() => model.state.kind === 'loaded' && loaded++));
      const first = model.refresh();
      assert.equal(model.refresh(), first);
      assert.equal(model.refresh(), first);
      await first;
      await until(model.onDidChange, () => loaded === 2, 'the one follow-up load');
      assert.deepEqual(lists, ['all', 'all'], 'three calls, two requests');
    });

    it('polls in the background only while visible and a task is active, and reloads when one finishes', async () => {
      emu.vurbo.settings.seedActiveCompletesAfterMs = 300; // read when the key is seeded, on its first request
      const { model, lists } = setup(keys[nextKey++], 20);
      emu.vurbo.tasksOf(keys[nextKey - 1]);
      emu.vurbo.settings.seedActiveCompletesAfterMs = 90_000;
      await model.refresh();
      assert.ok(model.hasActive);
      // Sockets keep timers of their own: count only what the view's visibility changes.
      const idle = activeTimers();
      model.setVisible(true);
      assert.equal(activeTimers(), idle + 1, 'visible with an active task: a timer (and none while hidden)');
      model.setVisible(false);
      assert.equal(activeTimers(), idle, 'hidden again: the timer is gone');
      model.setVisible(true);
      await until(model.onDidChange, () => !model.hasActive, 'the recording to complete');
      assert.ok(lists.filter((s) => s === 'active').length >= 1, `polled: ${lists.join()}`);
      assert.equal(lists.filter((s) => s === 'all').length, 2, 'a change in the active set reloads everything');
      model.setVisible(false);
      const hidden = activeTimers();
      model.setVisible(true);
      assert.equal(activeTimers(), hidden, 'visible, but no active task: no timer');
    });

    it('forgets everything and reloads when the Vurbo connection changes, not on a Valossa change', async () => {
      const { model, connections } = setup();
      await model.refresh();
      model.lastRequests.set(model.tasks[0].taskId, {} as never);
      connections.switchKey('valossa', undefined);
      assert.equal(model.tasks.length, 7);
      emu.vurbo.createTasks(keys[nextKey], 2, 'Other');
      connections.switchKey('vurbo', keys[nextKey++]);
      assert.equal(model.tasks.length, 0);
      assert.equal(model.state.kind, 'loading');
      assert.equal(model.lastRequests.size, 0);
      await until(model.onDidChange, () => model.state.kind === 'loaded', 'the reload');
      assert.equal(model.tasks.filter((t) => t.title.startsWith('Other')).length, 2);
    });

    it('upserts, patches and removes tasks without a reload, each time telling the view', async () => {
      const { model, lists } = setup();
      await model.refresh();
      let changes = 0;
      owned.push(model.onDidChange(() => changes++));
      const [a, b] = model.tasks;
      model.upsert({ ...a, title: 'Renamed' });
      assert.equal(model.tasks[0].title, 'Renamed');
      assert.equal(model.tasks.length, 7, 'replaced in place');
      const added: VurboTask = { ...a, taskId: 'new-task', title: 'New' };
      model.upsert(added);
      assert.equal(model.tasks[0], added);
      model.upsert(undefined);
      model.patch([a.taskId, b.taskId], { isPinned: true });
      assert.ok(model.get(a.taskId)!.isPinned && model.get(b.taskId)!.isPinned);
      model.lastRequests.set(b.taskId, {} as never);
      model.remove([b.taskId, 'new-task']);
      assert.equal(model.get(b.taskId), undefined);
      assert.equal(model.tasks.length, 6);
      assert.equal(model.lastRequests.has(b.taskId), false);
      assert.equal(changes, 4);
      assert.equal(model.state.kind, 'loaded');
      assert.deepEqual(lists, ['all'], 'no request');
    });
  });

  describe('TasksTreeProvider', () => {
    const viewOf = (model: InstanceType<typeof mod.TasksModel>) => {
      const view = new tree.TasksTreeProvider(model);
      owned.push(view);
      return view;
    };

    it('groups Active, Completed (pinned first), Failed, and finds each row a parent', async () => {
      const { model } = setup();
      const view = viewOf(model);
      assert.deepEqual(view.getChildren(), [], 'nothing before the first load');
      await model.refresh();
      const groups = view.getChildren();
      assert.deepEqual(groups, [
        { kind: 'group', group: 'active', count: 1 },
        { kind: 'group', group: 'completed', count: 5 },
        { kind: 'group', group: 'failed', count: 1 },
      ]);
      const item = view.getTreeItem(groups[1]);
      assert.equal(item.label, 'Completed');
      assert.equal(item.description, '5');
      assert.equal(item.contextValue, 'vurboTaskGroup.completed');
      const completed = view.getChildren(groups[1]);
      const pinned = completed.map((n) => tree.taskOfNode(n)!.isPinned);
      assert.deepEqual(pinned, [true, true, false, false, false]);
      assert.deepEqual(view.getParent(completed[0]), groups[1]);
      const row = view.getTreeItem(completed[0]);
      assert.equal((row.command as { command: string }).command, COMMAND.tasks.open, 'a click goes to the double-click-aware opener');
      assert.match(row.contextValue!, /^vurboTask\.completed\.pinned\./);
      assert.equal(view.getTreeItem(view.getChildren(groups[0])[0]).command, undefined, 'an active task has no transcript to show yet');
      model.patch(
        model.tasks.filter((t) => t.processingStatus !== 'completed').map((t) => t.taskId),
        { processingStatus: 'completed' },
      );
      assert.deepEqual(
        view.getChildren().map((g) => (g as { group: string }).group),
        ['completed'],
        'empty Active and Failed groups are left out',
      );
    });

    it('pages each group on its own', async () => {
      const key = keys[nextKey++];
      emu.vurbo.createTasks(key, 250, 'Bulk');
      const { model } = setup(key);
      const view = viewOf(model);
      let redraws = 0;
      owned.push(view.onDidChangeTreeData(() => redraws++));
      await model.refresh();
      const [active, completed, failed] = view.getChildren();
      let rows = view.getChildren(completed);
      assert.equal(rows.length, 201);
      assert.deepEqual(rows[200], { kind: 'more', group: 'completed', shown: 200, total: 255 });
      const more = view.getTreeItem(rows[200]);
      assert.deepEqual(more.command, { command: COMMAND.tasks.loadMore, title: 'Load More', arguments: ['completed'] });
      assert.deepEqual(view.getParent(rows[200]), completed);
      const before = redraws;
      view.showMore('failed');
      assert.equal(redraws, before + 1);
      assert.equal(view.getChildren(completed).length, 201, 'another group paged: this one still shows a page');
      view.showMore('completed');
      rows = view.getChildren(completed);
      assert.equal(rows.length, 255);
      assert.ok(rows.every((n) => n.kind === 'task'));
      assert.equal(view.getChildren(active).length, 1);
      assert.equal(view.getChildren(failed).length, 1);
    });

    it('shows no rows and the error in the view message when loading failed and no task is known', async () => {
      const { model } = setup(generateVurboKey());
      const view = viewOf(model);
      await model.refresh();
      assertLoadError(view, model.state, /^Could not load: .*key/i);
    });
  });

  describe('presentation', () => {
    const task = (t: Partial<VurboTask>): VurboTask => ({
      taskId: 'id-1',
      title: 'T',
      type: 'transcribe',
      durationMs: 0,
      processingStatus: 'completed',
      isPinned: false,
      isUnread: false,
      ...t,
    });

    it('describes, icons and context-values a task by its state', () => {
      assert.equal(
        pres.taskDescription(task({ isUnread: true, durationMs: 65_000, sourceLang: 'en-US', targetLang: 'zh-TW', isPinned: true })),
        '● 1:05 · en-US → zh-TW',
      );
      assert.deepEqual(
        pres.taskIcon(task({ isPinned: true })),
        { id: 'pinned', color: 'charts.orange' },
        'pinned shows as an icon, not a word the sidebar cuts off',
      );
      assert.deepEqual(
        pres.taskIcon(task({ processingStatus: 'recording', isPinned: true })),
        { id: 'record', color: 'charts.red' },
        'an active task shows its state',
      );
      assert.deepEqual(pres.taskIcon(task({ processingStatus: 'failed' })), { id: 'error', color: 'errorForeground' });
      assert.deepEqual(pres.taskIcon(task({ typeSource: 'import' })), { id: 'file-media' });
      assert.equal(pres.taskContextValue(task({ processingStatus: 'uploading', isUnread: true })), 'vurboTask.active.unpinned.unread');
    });

    it('escapes Markdown in the tooltip', () => {
      const md = pres.taskTooltipMarkdown(task({ title: '*x* [y](z) <b>|' }));
      assert.ok(md.startsWith('**\\*x\\* \\[y\\]\\(z\\) \\<b\\>\\|**'), md);
    });
  });
});
