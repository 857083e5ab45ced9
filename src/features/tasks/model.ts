// The Tasks view's data: the task list of the configured Vurbo host, loaded with the stored key,
// refreshed on demand, on key/base-URL changes, and in the background while a task is active and
// the view is visible (only the active ones are polled; a change in that set reloads everything).
import { isNotSetUp } from '../../core/errors';
import { joinUrl } from '../../core/providers';
import { API_PREFIX, VurboClient, type VurboRequestRecord } from '../../core/vurbo/client';
import { historyPath } from '../../core/vurbo/sse';
import { isActiveStatus, type VurboTask } from '../../core/vurbo/types';
import { ClientCache } from '../shared/clientCache';
import type { ConnectionSource } from '../shared/connection';
import { ChangeEmitter } from '../shared/changeEmitter';
import { toDisposable } from '../shared/dispose';
import { LOADED, LOADING, NO_KEY, type LoadState } from '../shared/loadState';
import type { Log } from '../shared/log';

export class TasksModel extends ChangeEmitter {
  private list: VurboTask[] = [];
  private current: LoadState = LOADING;
  private visible = false;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private again = false;
  private generation = 0;
  /** The last request per task, for "Copy as cURL". */
  readonly lastRequests = new Map<string, VurboRequestRecord>();
  /** The base URL the list came from (undefined before a load). */
  private listedFrom: string | undefined;

  private readonly clients: ClientCache<VurboClient>;

  constructor(
    connections: ConnectionSource,
    private readonly log: Log,
    private readonly pollIntervalMs: () => number,
  ) {
    super();
    this.clients = this.register(new ClientCache(connections, 'vurbo', (c) => new VurboClient(c)));
    this.register(connections.onDidChange((provider) => provider === 'vurbo' && this.reset()));
    this.register(toDisposable(() => this.pollTimer && clearTimeout(this.pollTimer)));
  }

  get tasks(): readonly VurboTask[] {
    return this.list;
  }

  get state(): LoadState {
    return this.current;
  }

  get(taskId: string): VurboTask | undefined {
    return this.list.find((t) => t.taskId === taskId);
  }

  get hasActive(): boolean {
    return this.list.some((t) => isActiveStatus(t.processingStatus));
  }

  /** The task's transcript-history stream on the host the list came from (undefined before a load). */
  historyUrl(taskId: string): string | undefined {
    return this.listedFrom && joinUrl(this.listedFrom, API_PREFIX + historyPath(taskId));
  }

  /** A client for the configured host; `interactive` offers to set a missing key. */
  client(interactive = true): Promise<VurboClient> {
    return this.clients.get(interactive);
  }

  /** Reloads the list. Concurrent calls share one request (plus one more if asked for meanwhile). */
  refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.load().finally(() => {
      this.inFlight = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.inFlight;
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    if (this.current.kind !== 'loaded') this.set(LOADING);
    try {
      const client = await this.client(false);
      this.listedFrom = client.baseUrl;
      const tasks = await client.listTasks('all');
      if (generation !== this.generation) return;
      this.list = tasks;
      this.set(LOADED);
    } catch (e) {
      if (generation !== this.generation) return;
      const noKey = isNotSetUp(e);
      if (noKey) this.list = [];
      else this.log.warn(`Loading Vurbo tasks failed: ${e instanceof Error ? e.message : String(e)}`);
      this.set(noKey ? NO_KEY : { kind: 'error', error: e });
    }
  }

  /** Replaces one task with the server's answer (pin, rename, …) without a reload. */
  upsert(task: VurboTask | undefined): void {
    if (!task) return;
    const i = this.list.findIndex((t) => t.taskId === task.taskId);
    if (i >= 0) this.list = [...this.list.slice(0, i), task, ...this.list.slice(i + 1)];
    else this.list = [task, ...this.list];
    this.set(this.current);
  }

  patch(taskIds: readonly string[], change: Partial<VurboTask>): void {
    this.list = this.list.map((t) => (taskIds.includes(t.taskId) ? { ...t, ...change } : t));
    this.set(this.current);
  }

  remove(taskIds: readonly string[]): void {
    this.list = this.list.filter((t) => !taskIds.includes(t.taskId));
    for (const id of taskIds) this.lastRequests.delete(id);
    this.set(this.current);
  }

  /** The view is shown or hidden: background refresh only runs while it is visible. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.current.kind === 'loading' && !this.inFlight) void this.refresh();
    this.schedulePoll();
  }

  /** Forgets everything (key or host changed) and loads again. */
  reset(): void {
    this.generation++;
    this.list = [];
    this.lastRequests.clear();
    this.set(LOADING);
    void this.refresh();
  }

  private set(state: LoadState): void {
    this.current = state;
    this.changed.fire();
    this.schedulePoll();
  }

  private schedulePoll(): void {
    const interval = this.pollIntervalMs();
    const wanted = this.visible && this.hasActive && interval > 0 && this.current.kind === 'loaded';
    if (!wanted) {
      if (this.pollTimer) clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
      return;
    }
    if (this.pollTimer) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      void this.poll();
    }, interval);
  }

  /** Polls `status=active`; when a task left (or joined) the active set, reloads the whole list. */
  private async poll(): Promise<void> {
    if (!this.visible || !this.hasActive) return;
    try {
      const active = await (await this.client(false)).listTasks('active');
      const known = new Set(this.list.filter((t) => isActiveStatus(t.processingStatus)).map((t) => t.taskId));
      const same = active.length === known.size && active.every((t) => known.has(t.taskId));
      if (!same) {
        await this.refresh();
        return;
      }
      const byId = new Map(active.map((t) => [t.taskId, t]));
      const before = JSON.stringify(this.list);
      this.list = this.list.map((t) => byId.get(t.taskId) ?? t);
      if (JSON.stringify(this.list) !== before) this.changed.fire();
    } catch (e) {
      this.log.warn(`Background refresh of Vurbo tasks failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.schedulePoll();
  }
}
