// Jobs model: the list of Valossa jobs, what this window knows about them (titles of jobs it
// created), and background polling of running jobs at the server's pace, slower and slower for a job
// whose status does not change. No tree code here.
import * as vscode from 'vscode';
import type { RecordedRequest } from '../../core/http/curl';
import { ApiError, isNotSetUp } from '../../core/errors';
import { ValossaClient } from '../../core/valossa/client';
import { isTerminal, type JobStatus } from '../../core/valossa/types';
import { ClientCache } from '../shared/clientCache';
import type { ConnectionSource } from '../shared/connection';
import { ChangeEmitter } from '../shared/changeEmitter';
import type { ErrorReporter } from '../shared/errors';
import { LOADED, LOADING, NO_KEY, type LoadState } from '../shared/loadState';
import type { Log } from '../shared/log';

const INFO_KEY = 'speechApi.valossa.jobInfo';
/** Stop polling after the view has been hidden this long. */
const HIDDEN_GRACE_MS = 60_000;
const FALLBACK_POLL_MS = 30_000;

/** How often a running job is polled: never more often than `minMs`; backing off to `maxMs`. */
export interface PollPacing {
  minMs: number;
  maxMs: number;
}

const DEFAULT_PACING: PollPacing = { minMs: 1_000, maxMs: 30_000 };

/**
 * The wait before polling a job again: what the server asked for (at least `minMs`), doubled for each
 * poll in a row that saw no change, up to `maxMs` (or the server's ask, if that is longer).
 */
export function pollWaitMs(askedSeconds: number | null | undefined, unchangedPolls: number, pacing: PollPacing = DEFAULT_PACING): number {
  const asked = typeof askedSeconds === 'number' && askedSeconds > 0 ? askedSeconds * 1000 : FALLBACK_POLL_MS;
  const base = Math.max(pacing.minMs, asked);
  return Math.min(Math.max(base, pacing.maxMs), base * 2 ** unchangedPolls);
}

/** What counts as a change of a running job (a new status, transfer state or details). */
function sameProgress(a: JobStatus, b: JobStatus): boolean {
  return a.status === b.status && a.media_transfer_status === b.media_transfer_status && a.details === b.details;
}

export interface JobInfo {
  title?: string;
  mediaName?: string;
  /** When this window first saw the job: the API reports no timestamps. */
  firstSeen: number;
  /** Created from this VS Code, so `firstSeen` is its creation time. */
  createdHere?: boolean;
}

export interface JobEntry {
  readonly id: string;
  readonly status: JobStatus;
  readonly info: JobInfo;
}

export class JobsModel extends ChangeEmitter {
  private entries: JobEntry[] = [];
  private readonly clients: ClientCache<ValossaClient>;
  private pollTimer: NodeJS.Timeout | undefined;
  /** A poll round is under way: it schedules the next one when it is done. */
  private polling = false;
  private hiddenSince: number | undefined;
  private loadAbort: AbortController | undefined;
  /** A polling failure is reported once per failure streak, not once per poll. */
  private pollFailureReported = false;
  /** Per running job: polls in a row that saw no change, and when it is due again. */
  private readonly pace = new Map<string, { unchanged: number; dueAt: number }>();
  private readonly pacing: PollPacing;
  state: LoadState = LOADING;

  constructor(
    private readonly connections: ConnectionSource,
    private readonly memento: vscode.Memento,
    private readonly log: Log,
    private readonly errors: ErrorReporter,
    pacing: Partial<PollPacing> = {},
  ) {
    super();
    this.pacing = { ...DEFAULT_PACING, ...pacing };
    this.clients = this.register(new ClientCache(connections, 'valossa', (c) => new ValossaClient(c)));
    this.register(connections.onDidChange((p) => p === 'valossa' && this.reset()));
    this.register({ dispose: () => (clearTimeout(this.pollTimer), this.loadAbort?.abort()) });
  }

  get jobs(): readonly JobEntry[] {
    return this.entries;
  }

  job(id: string): JobEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** The client for the configured origin; asks for a key when `interactive`. */
  getClient(interactive = true): Promise<ValossaClient> {
    return this.clients.get(interactive);
  }

  /** The job's last request in this session (it holds the key: turn it into an ApiRequest at once). */
  lastRequest(jobId: string): RecordedRequest | undefined {
    return this.clients.peek()?.lastRequest(jobId);
  }

  /** Forgets the list (key or base URL changed) and reloads. */
  reset(): void {
    this.entries = [];
    void this.refresh();
  }

  async refresh(): Promise<void> {
    this.loadAbort?.abort();
    const abort = (this.loadAbort = new AbortController());
    if (!(await this.connections.hasKey('valossa'))) {
      this.setState(NO_KEY);
      return;
    }
    this.setState(LOADING);
    try {
      const client = await this.getClient(false);
      const statuses = await client.listJobs(abort.signal);
      if (abort.signal.aborted) return;
      this.entries = statuses.map((s) => ({ id: s.job_id, status: s, info: this.infoFor(s.job_id) }));
      // A reload is fresh interest: every running job is polled at the server's pace again (dueAt starts each afresh).
      this.pace.clear();
      this.pollFailureReported = false;
      this.setState(LOADED);
      this.schedulePoll();
    } catch (e) {
      if (abort.signal.aborted) return;
      const err = e instanceof ApiError ? e : new ApiError({ provider: 'valossa', code: 'unexpected_response', serverMessage: String(e) });
      if (isNotSetUp(err)) this.setState(NO_KEY);
      else this.setState({ kind: 'error', error: err });
      this.log.error('Loading Valossa jobs failed', err);
    }
  }

  /** Remembers what we know about a job we created, and shows it at once. */
  async remember(jobId: string, info: Omit<JobInfo, 'firstSeen' | 'createdHere'>): Promise<void> {
    const all = this.memento.get<Record<string, JobInfo>>(INFO_KEY, {});
    all[jobId] = { ...info, firstSeen: Date.now(), createdHere: true };
    await this.memento.update(INFO_KEY, all);
  }

  /** Titles known from elsewhere (the sandbox's own jobs); a title the user gave wins. */
  async learnTitles(titles: Record<string, string>): Promise<void> {
    const all = this.memento.get<Record<string, JobInfo>>(INFO_KEY, {});
    for (const [id, title] of Object.entries(titles)) if (!all[id]?.title) all[id] = { ...all[id], firstSeen: all[id]?.firstSeen ?? Date.now(), title };
    await this.memento.update(INFO_KEY, all);
    this.entries = this.entries.map((e) => (titles[e.id] && !e.info.title ? { ...e, info: this.infoFor(e.id) } : e));
    this.changed.fire();
  }

  async forget(jobId: string): Promise<void> {
    const all = this.memento.get<Record<string, JobInfo>>(INFO_KEY, {});
    delete all[jobId];
    await this.memento.update(INFO_KEY, all);
    this.entries = this.entries.filter((e) => e.id !== jobId);
    this.changed.fire();
  }

  update(status: JobStatus): void {
    const i = this.entries.findIndex((e) => e.id === status.job_id);
    this.pacePoll(status, i >= 0 ? this.entries[i].status : undefined);
    const entry = { id: status.job_id, status, info: this.infoFor(status.job_id) };
    // Redraw only on a real change: a redraw closes any open hover in the tree.
    const same = i >= 0 && JSON.stringify(this.entries[i]) === JSON.stringify(entry);
    if (i >= 0) this.entries[i] = entry;
    else this.entries.unshift(entry);
    if (!same) this.changed.fire();
    this.schedulePoll();
  }

  setVisible(visible: boolean): void {
    // The first show loads: activation stays cheap when the view is never opened.
    if (visible && !this.loadAbort) void this.refresh();
    this.hiddenSince = visible ? undefined : Date.now();
    if (visible) this.schedulePoll();
  }

  private infoFor(jobId: string): JobInfo {
    const all = this.memento.get<Record<string, JobInfo>>(INFO_KEY, {});
    if (!all[jobId]) {
      all[jobId] = { firstSeen: Date.now() };
      void this.memento.update(INFO_KEY, all);
    }
    return all[jobId];
  }

  private setState(state: LoadState): void {
    this.state = state;
    this.changed.fire();
  }

  private running(): JobEntry[] {
    return this.entries.filter((e) => !isTerminal(e.status.status));
  }

  /** When the job is due again: sooner after a change, later and later while nothing changes. */
  private pacePoll(status: JobStatus, previous: JobStatus | undefined): void {
    if (isTerminal(status.status)) {
      this.pace.delete(status.job_id);
      return;
    }
    const unchanged = previous && sameProgress(previous, status) ? (this.pace.get(status.job_id)?.unchanged ?? 0) + 1 : 0;
    this.pace.set(status.job_id, { unchanged, dueAt: Date.now() + pollWaitMs(status.poll_again_after_seconds, unchanged, this.pacing) });
  }

  private dueAt(entry: JobEntry): number {
    let pace = this.pace.get(entry.id);
    if (!pace) this.pace.set(entry.id, (pace = { unchanged: 0, dueAt: Date.now() + pollWaitMs(entry.status.poll_again_after_seconds, 0, this.pacing) }));
    return pace.dueAt;
  }

  /** Polls again when the first running job is due; stops when nothing runs. */
  private schedulePoll(): void {
    if (this.pollTimer || this.polling) return;
    const running = this.running();
    if (running.length === 0) return;
    if (this.hiddenSince !== undefined && Date.now() - this.hiddenSince > HIDDEN_GRACE_MS) return;
    const next = Math.min(...running.map((e) => this.dueAt(e)));
    this.pollTimer = setTimeout(() => void this.pollOnce(), Math.max(0, next - Date.now()));
  }

  private async pollOnce(): Promise<void> {
    this.pollTimer = undefined;
    this.polling = true;
    try {
      const client = await this.getClient(false);
      // Jobs due within the next moment go along, so jobs on the same pace share one round.
      const horizon = Date.now() + 50;
      for (const entry of this.running().filter((e) => this.dueAt(e) <= horizon)) {
        const status = await client.jobStatus(entry.id).catch((e: unknown) => {
          if (e instanceof ApiError && e.code === 'valossa_job_not_found') return undefined;
          throw e;
        });
        if (status) this.update(status);
        else await this.forget(entry.id);
      }
      this.polling = false;
      this.schedulePoll();
    } catch (e) {
      this.polling = false;
      // Stop on error and say so once; the next refresh starts polling again.
      const what = vscode.l10n.t('Polling Valossa jobs stopped');
      this.log.error(what, e);
      if (!this.pollFailureReported) void this.errors.show(what, e);
      this.pollFailureReported = true;
    }
  }
}
