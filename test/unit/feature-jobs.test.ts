// The Valossa Jobs feature without VS Code: JobsModel against the emulator over loopback (real
// HttpClient), JobsTreeProvider's rows, and presentation.ts's words. bench/fakeVscode stands in for
// `vscode`; feature modules are loaded only after it is installed.
import assert from 'node:assert/strict';
import type { JobStatus } from '../../src/core/valossa/types';
import { ValossaClient } from '../../src/core/valossa/client';
import { RESULT_TYPES } from '../../src/core/valossa/types';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import { generateValossaKey } from '../../src/emulator/keys';
import type { JobEntry } from '../../src/features/jobs/model';
import { activeTimers, assertLoadError, fakeVscode, memento, recordingLog, recordingReporter, TestConnections, until } from './featureHarness';

type Model = import('../../src/features/jobs/model').JobsModel;

describe('jobs feature (model, tree, presentation)', function () {
  this.timeout(10_000);
  let emu: Emulator;
  /** Keys without seeded jobs, one per test that needs a list of its own. */
  const spareKeys = Array.from({ length: 6 }, () => generateValossaKey());
  let mod: typeof import('../../src/features/jobs/model');
  let tree: typeof import('../../src/features/jobs/tree');
  let pres: typeof import('../../src/features/jobs/presentation');
  let rows: typeof import('../../src/features/shared/treeRows');
  let COMMAND: typeof import('../../src/features/shared/commandIds').COMMAND;
  const owned: { dispose(): void }[] = [];

  before(async () => {
    fakeVscode();
    mod = require('../../src/features/jobs/model');
    tree = require('../../src/features/jobs/tree');
    pres = require('../../src/features/jobs/presentation');
    rows = require('../../src/features/shared/treeRows');
    COMMAND = (require('../../src/features/shared/commandIds') as typeof import('../../src/features/shared/commandIds')).COMMAND;
    // Jobs finish 4 steps after creation; job_status asks for 50 ms (the model waits at least 1 s).
    emu = await startEmulator({ jobStepMs: 100, pollAgainAfterSeconds: 0.05, extraValossaKeys: spareKeys });
  });
  afterEach(() => {
    for (const d of owned.splice(0)) d.dispose();
    emu.clearFaults();
  });
  after(() => emu.close());

  /** `null`: no key stored. */
  function setup(key: string | null = emu.keys.valossa, pacing: Partial<import('../../src/features/jobs/model').PollPacing> = {}) {
    const connections = new TestConnections(emu, { valossa: key ?? undefined });
    const log = recordingLog();
    const errors = recordingReporter();
    const model = new mod.JobsModel(connections, memento(), log, errors, pacing);
    owned.push(model);
    return { connections, log, errors, model };
  }

  const clientFor = (key: string) =>
    new ValossaClient({ baseUrl: emu.valossaBaseUrl, key, http: new (require('../../src/core/http/client').HttpClient)({ provider: 'valossa' }) });
  const kinds = (model: Model) => {
    const seen: string[] = [];
    owned.push(model.onDidChange(() => seen.push(model.state.kind)));
    return seen;
  };

  describe('JobsModel', () => {
    it('loads the jobs: loading, then loaded', async () => {
      const { model } = setup();
      const seen = kinds(model);
      assert.equal(model.state.kind, 'loading');
      await model.refresh();
      assert.deepEqual(seen, ['loading', 'loaded']);
      assert.ok(model.jobs.length >= 5, `${model.jobs.length} jobs`);
      const statuses = new Set(model.jobs.map((j) => j.status.status));
      for (const s of ['finished', 'error', 'queued']) assert.ok(statuses.has(s), `a ${s} job is listed`);
      assert.equal(model.job(model.jobs[0].id), model.jobs[0]);
    });

    it('says noKey without asking the server when no key is stored', async () => {
      const { model } = setup(null);
      const before = emu.server.accessLog.length;
      await model.refresh();
      assert.equal(model.state.kind, 'noKey');
      assert.equal(emu.server.accessLog.length, before);
    });

    it('is in the error state, and logs it, when the server rejects the key', async () => {
      const { model, log, errors } = setup(generateValossaKey());
      await model.refresh();
      assert.equal(model.state.kind, 'error');
      const error = (model.state as { error: { status?: number } }).error;
      assert.equal(error.status, 401);
      assert.ok(
        log.lines.some((l) => l.startsWith('error Loading Valossa jobs failed')),
        log.lines.join('\n'),
      );
      assert.equal(errors.shown.length, 0, 'a failed list is a row in the view, not a notification');
    });

    it('polls a running job at the server pace (at least 1 s) until it finishes, then stops', async () => {
      const key = spareKeys[0];
      const id = await clientFor(key).newJob({ videoUrl: 'https://media.example.com/poll.mp4' });
      const { model, connections } = setup(key);
      const polls: number[] = [];
      owned.push(connections.traces.event((e) => e.url.includes('job_status') && polls.push(Date.now())));
      await model.refresh();
      const listedAt = Date.now();
      assert.notEqual(pres.jobKind(model.job(id)!.status), 'finished', 'still running when listed');
      polls.length = 0;
      await until(model.onDidChange, () => model.job(id)?.status.status === 'finished', 'the job to finish');
      assert.ok(polls.length >= 1 && polls[0] - listedAt >= 950, `first poll after ${polls[0] - listedAt} ms`);
      const timers = activeTimers();
      model.dispose();
      assert.equal(activeTimers(), timers, 'nothing runs, so no poll is scheduled');
    });

    it('backs off for a job whose status does not change: each wait doubles up to the cap', async () => {
      const key = spareKeys[4];
      const id = await clientFor(key).newJob({ videoUrl: 'https://media.example.com/stuck.mp4' });
      emu.valossa.holdJob(id, true);
      const { model, connections } = setup(key, { minMs: 60, maxMs: 480 });
      const polls: number[] = [];
      owned.push(connections.traces.event((e) => e.url.includes('job_status') && e.url.includes(id) && polls.push(Date.now())));
      await model.refresh();
      const listedAt = Date.now();
      // A held job does not change, so the model fires nothing: wait on the requests.
      await until(connections.traces.event, () => polls.length >= 6, 'six polls of the held job', 8000);
      const gaps = [polls[0] - listedAt, ...polls.slice(1, 6).map((t, i) => t - polls[i])];
      // 60 after the list, then unchanged: 120, 240, 480 (the cap), 480, 480.
      const expected = [60, 120, 240, 480, 480, 480];
      gaps.forEach((gap, i) => assert.ok(gap >= expected[i] * 0.9, `wait ${i} was ${gap} ms, expected about ${expected[i]}: ${gaps.join(', ')}`));
      assert.ok(gaps[5] < 480 * 4, `the cap holds: ${gaps.join(', ')}`);
      // A change (released, so finished) stops the polling.
      emu.valossa.holdJob(id, false);
      await until(model.onDidChange, () => model.job(id)?.status.status === 'finished', 'the released job to finish', 3000);
    });

    it("the wait: the server's ask, at least the minimum, doubled per unchanged poll, capped (unless the server asks for longer)", () => {
      const pacing = { minMs: 1000, maxMs: 30_000 };
      assert.deepEqual(
        [0, 1, 2, 3, 4, 5, 6].map((n) => mod.pollWaitMs(1, n, pacing)),
        [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000],
      );
      assert.equal(mod.pollWaitMs(0.05, 0, pacing), 1000, 'never under the minimum');
      assert.equal(mod.pollWaitMs(null, 0, pacing), 30_000, 'no ask: the fallback');
      assert.equal(mod.pollWaitMs(120, 3, pacing), 120_000, 'a longer ask is kept');
    });

    it('reports a polling failure once per failure streak, again after a successful refresh', async () => {
      const key = spareKeys[1];
      const id = await clientFor(key).newJob({ videoUrl: 'https://media.example.com/held.mp4' });
      emu.valossa.holdJob(id, true);
      const { model, log, errors } = setup(key);
      await model.refresh();
      const failures = () => log.lines.filter((l) => l.startsWith('error Polling Valossa jobs stopped')).length;
      emu.addFault({ path: 'job_status', status: 500, times: 1000 });
      await until(log.written.event, () => failures() === 1, 'the first poll to fail');
      assert.equal(errors.shown.length, 1);
      assert.equal(errors.shown[0].context, 'Polling Valossa jobs stopped');
      model.update(model.job(id)!.status); // something else asks for polling again: same streak
      await until(log.written.event, () => failures() === 2, 'the second poll to fail');
      assert.equal(errors.shown.length, 1, 'the same streak is not reported twice');
      emu.clearFaults();
      await model.refresh();
      emu.addFault({ path: 'job_status', status: 500, times: 1000 });
      await until(log.written.event, () => failures() === 3, 'a poll after the refresh to fail');
      assert.equal(errors.shown.length, 2, 'a new streak is reported');
    });

    it('forgets the list and reloads when the Valossa connection changes, not on a Vurbo change', async () => {
      const { model, connections } = setup();
      await model.refresh();
      assert.ok(model.jobs.length >= 5);
      connections.switchKey('vurbo', undefined);
      assert.ok(model.jobs.length >= 5, 'a Vurbo change leaves the list');
      const key = spareKeys[2];
      await clientFor(key).newJob({ videoUrl: 'https://media.example.com/other.mp4', title: 'Other key' });
      connections.switchKey('valossa', key);
      assert.equal(model.jobs.length, 0, 'forgotten at once');
      await until(model.onDidChange, () => model.state.kind === 'loaded' && model.jobs.length > 0, 'the reload');
      assert.equal(model.jobs.length, 1);
    });

    it('dispose() clears its poll timer and stops listening', async () => {
      const { model, connections } = setup();
      await model.refresh();
      assert.ok(
        model.jobs.some((j) => pres.jobKind(j.status) === 'running'),
        'a seeded job runs for minutes, so a poll is scheduled',
      );
      const timers = activeTimers();
      model.dispose();
      assert.equal(activeTimers(), timers - 1);
      assert.equal(connections.changes.listenerCount, 0);
      model.dispose();
      assert.equal(activeTimers(), timers - 1, 'dispose twice is harmless');
    });
  });

  describe('JobsTreeProvider', () => {
    const rootOf = (t: InstanceType<typeof tree.JobsTreeProvider>) => t.getChildren();

    it(`shows ${200} rows, then a "Load more" row; showMore pages on`, async () => {
      const key = spareKeys[3];
      emu.valossa.addFinishedJobs(key, 250);
      const { model } = setup(key);
      const view = new tree.JobsTreeProvider(model);
      owned.push(view);
      let redraws = 0;
      owned.push(view.onDidChangeTreeData(() => redraws++));
      await model.refresh();
      assert.ok(redraws >= 1, 'a model change redraws the tree');
      let root = rootOf(view);
      assert.equal(rows.PAGE_SIZE, 200);
      assert.equal(root.length, 201);
      assert.deepEqual(root[200], { type: 'more', shown: 200, total: 250 });
      const more = view.getTreeItem(root[200]);
      assert.equal((more.command as { command: string }).command, COMMAND.jobs.loadMore);
      assert.equal(more.label, 'Load more… (200 of 250 shown)');
      const before = redraws;
      view.showMore();
      assert.equal(redraws, before + 1);
      root = rootOf(view);
      assert.equal(root.length, 250);
      assert.ok(root.every((n) => n.type === 'job'));
    });

    it('shows no rows and the error in the view message when loading failed and no job is known, the jobs otherwise', async () => {
      const { model, connections } = setup(generateValossaKey());
      const view = new tree.JobsTreeProvider(model);
      owned.push(view);
      await model.refresh();
      assertLoadError(view, model.state, /^Could not load: .*key/i);
      connections.keys.valossa = emu.keys.valossa;
      await model.refresh();
      const jobs = rootOf(view).length;
      connections.keys.valossa = generateValossaKey();
      await model.refresh();
      assert.equal(model.state.kind, 'error');
      assert.equal(rootOf(view).length, jobs, 'known jobs stay in view after a failed reload');
    });

    it('shows nothing without a key (the welcome view speaks)', async () => {
      const { model } = setup(null);
      const view = new tree.JobsTreeProvider(model);
      owned.push(view);
      await model.refresh();
      assert.deepEqual(rootOf(view), []);
    });

    it('gives a finished job its transcript and result rows, a failed one its details', async () => {
      const { model } = setup();
      const view = new tree.JobsTreeProvider(model);
      owned.push(view);
      await model.refresh();
      const finished = rootOf(view).find((n) => n.type === 'job' && n.entry.status.status === 'finished')!;
      const item = view.getTreeItem(finished);
      assert.equal(item.collapsibleState, 1);
      assert.equal(item.contextValue, 'valossaJob.finished');
      const children = view.getChildren(finished);
      assert.equal(children[0].type, 'transcript');
      assert.deepEqual(
        children.slice(1).map((c) => (c as { result: string }).result),
        RESULT_TYPES.map((t) => t.type),
      );
      assert.equal(tree.jobOfNode(children[1]), (finished as { entry: JobEntry }).entry);
      const resultItem = view.getTreeItem(children[1]);
      assert.equal((resultItem.command as { command: string }).command, COMMAND.jobs.openResults);
      const failed = rootOf(view).find((n) => n.type === 'job' && n.entry.status.status === 'error')!;
      assert.deepEqual(view.getChildren(failed), [{ type: 'detail', text: 'Media download failed: HTTP 404 from media.example.com' }]);
      const queued = rootOf(view).find((n) => n.type === 'job' && n.entry.status.status === 'queued')!;
      assert.deepEqual(view.getChildren(queued), []);
      assert.equal(view.getTreeItem(queued).collapsibleState, 0);
    });
  });

  describe('presentation', () => {
    const entry = (status: Partial<JobStatus>, info: Partial<JobEntry['info']> = {}): JobEntry => ({
      id: '0123456789abcdef',
      status: { job_id: '0123456789abcdef', status: 'processing', ...status },
      info: { firstSeen: Date.now(), ...info },
    });

    it('gives every status its kind, cancelled included', () => {
      const cases: [Partial<JobStatus>, string][] = [
        [{ status: 'queued' }, 'queued'],
        [{ status: 'on_hold' }, 'queued'],
        [{ status: 'preparing_analysis' }, 'running'],
        [{ status: 'processing' }, 'running'],
        [{ status: 'something_new' }, 'running'],
        [{ status: 'finished' }, 'finished'],
        [{ status: 'error', details: 'Media download failed' }, 'error'],
        [{ status: 'error', details: 'cancelled' }, 'cancelled'],
        [{ status: 'cancelled' }, 'cancelled'],
      ];
      for (const [status, kind] of cases) assert.equal(pres.jobKind(entry(status).status), kind, JSON.stringify(status));
      for (const kind of ['queued', 'running', 'finished', 'error', 'cancelled'] as const) assert.ok(pres.JOB_ICONS[kind].id);
    });

    it('describes a job: status word, media name, and an age only for jobs created here', () => {
      const now = Date.now();
      assert.equal(pres.jobDescription(entry({ status: 'processing' }, { mediaName: 'talk.mp4', firstSeen: now - 5 * 60_000 }), now), 'Processing · talk.mp4');
      assert.equal(
        pres.jobDescription(entry({ status: 'processing' }, { mediaName: 'talk.mp4', firstSeen: now - 5 * 60_000, createdHere: true }), now),
        'Processing · talk.mp4 · 5 min ago',
      );
      assert.equal(pres.jobDescription(entry({ status: 'error', details: 'cancelled' }), now), 'Cancelled');
      assert.equal(pres.jobDescription(entry({ status: 'error' }), now), 'Failed');
      assert.equal(pres.jobDescription(entry({ status: 'brand_new' }), now), 'brand_new');
      assert.equal(pres.jobTitle(entry({})), 'Job 01234567');
    });

    it('escapes Markdown in the tooltip: titles, media names and details are not markup', () => {
      const md = pres.jobTooltipMarkdown(
        entry({ status: 'error', details: 'see [here](http://x) *now*' }, { title: '**bold** `code` <b>', mediaName: 'a_b|c.mp4' }),
      );
      assert.ok(md.startsWith('**\\*\\*bold\\*\\* \\`code\\` \\<b\\>**'), md);
      assert.ok(md.includes('| Details | see \\[here\\]\\(http://x\\) \\*now\\* |'), md);
      assert.ok(md.includes('| Media | a\\_b\\|c\\.mp4 |'), md);
      assert.ok(md.includes('`0123456789abcdef`'));
      assert.ok(md.includes('First seen') && md.includes('reports no timestamps'));
    });
  });
});
