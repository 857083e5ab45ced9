// The host's broadcasts, newest first, a server page at a time; while one is running and the view
// is visible, refreshed now and then so viewer counts stay current. No tree code here.
import { isNotSetUp } from '../../core/errors';
import type { Broadcast } from '../../core/vurbo/broadcasts';
import { BroadcastsApi } from '../../core/vurbo/broadcastsApi';
import { VurboClient, type VurboRequestRecord } from '../../core/vurbo/client';
import { ClientCache } from '../shared/clientCache';
import type { ConnectionSource } from '../shared/connection';
import { ChangeEmitter } from '../shared/changeEmitter';
import { toDisposable } from '../shared/dispose';
import { LOADED, LOADING, NO_KEY, type LoadState } from '../shared/loadState';
import type { Log } from '../shared/log';

/** Broadcasts per server page (the server pages the list; `per_page` is capped at 100, §4.4). */
const SERVER_PAGE = 50;
/** While a broadcast is active and the view is visible, viewer counts are refreshed this often. */
const LIVE_REFRESH_MS = 20_000;

export class BroadcastsModel extends ChangeEmitter {
  private items: Broadcast[] = [];
  private loadedPages = 0;
  private lastPage = 1;
  private totalCount = 0;
  private generation = 0;
  private visible = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  state: LoadState = LOADING;
  private readonly clients: ClientCache<BroadcastsApi>;
  /** The last request per broadcast id, for "Copy as curl". */
  readonly lastRequests = new Map<string, VurboRequestRecord>();

  constructor(
    private readonly connections: ConnectionSource,
    private readonly log: Log,
  ) {
    super();
    this.clients = this.register(new ClientCache(connections, 'vurbo', (c) => new BroadcastsApi(new VurboClient(c))));
    this.register(connections.onDidChange((p) => p === 'vurbo' && void this.refresh()));
    this.register(toDisposable(() => this.timer && clearInterval(this.timer)));
  }

  /** The broadcast calls for the configured host; `interactive` offers to set a missing key. */
  api(interactive = true): Promise<BroadcastsApi> {
    return this.clients.get(interactive);
  }

  /** Runs a call and keeps its request under each of the broadcasts, for "Copy as curl". */
  async record<T>(api: BroadcastsApi, ids: readonly string[], call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } finally {
      const last = api.client.lastRequest;
      if (last) for (const id of ids) this.lastRequests.set(id, last);
    }
  }

  get broadcasts(): readonly Broadcast[] {
    return this.items;
  }

  /** How many the server has in all (more than `broadcasts` until every page is loaded). */
  get total(): number {
    return this.totalCount;
  }

  get hasMore(): boolean {
    return this.loadedPages < this.lastPage;
  }

  /** Loads the first page again (what is shown stays until the answer replaces it). */
  refresh(): Promise<void> {
    return this.load(1);
  }

  async loadMore(): Promise<void> {
    if (this.hasMore) await this.load(this.loadedPages + 1);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.loadedPages === 0) void this.refresh();
    this.schedule();
  }

  private async load(page: number): Promise<void> {
    const generation = ++this.generation;
    try {
      if (!(await this.connections.hasKey('vurbo'))) {
        this.items = [];
        this.loadedPages = this.lastPage = 1;
        return this.set(NO_KEY);
      }
      if (this.loadedPages === 0) this.set(LOADING);
      const api = await this.api(false);
      const result = await api.list({ page, perPage: SERVER_PAGE });
      if (generation !== this.generation) return;
      const seen = new Set(this.items.map((b) => b.id));
      this.items = page === 1 ? result.items : [...this.items, ...result.items.filter((b) => !seen.has(b.id))];
      this.loadedPages = page;
      this.lastPage = result.lastPage;
      this.totalCount = result.total;
      this.set(LOADED);
    } catch (e) {
      if (generation !== this.generation) return;
      this.loadedPages = Math.max(this.loadedPages, 1);
      this.lastPage = this.loadedPages;
      this.log.warn(`Broadcasts: ${e instanceof Error ? e.message : String(e)}`);
      this.set(isNotSetUp(e) ? NO_KEY : { kind: 'error', error: e });
    }
  }

  private set(state: LoadState): void {
    this.state = state;
    this.changed.fire();
    this.schedule();
  }

  /** Keeps viewer counts fresh while someone is looking and a broadcast is running. */
  private schedule(): void {
    const wanted = this.visible && this.items.some((b) => b.status === 'active');
    if (wanted && !this.timer) this.timer = setInterval(() => void this.refresh(), LIVE_REFRESH_MS);
    else if (!wanted && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
