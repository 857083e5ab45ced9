// The "Vurbo Broadcasts" view: the host's broadcasts, newest first, a page at a time, with live /
// standby state and viewers at a glance and the details in the tooltip.
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import type { Broadcast } from '../../core/vurbo/broadcasts';
import { BroadcastsApi } from '../../core/vurbo/broadcastsApi';
import { VurboClient } from '../../core/vurbo/client';
import type { ConnectionSource } from '../shared/connection';
import type { Log } from '../shared/log';
import { showHostInTitle } from '../shared/hostTitle';

const PAGE_SIZE = 50;
/** While a broadcast is active and the view is visible, viewer counts are refreshed this often. */
const LIVE_REFRESH_MS = 20_000;

export class BroadcastItem extends vscode.TreeItem {
  constructor(readonly broadcast: Broadcast) {
    super(broadcast.name, vscode.TreeItemCollapsibleState.None);
    const b = broadcast;
    const state = stateOf(b);
    const viewers = b.viewerCount !== undefined && state !== 'ended' && state !== 'pending' ? (b.viewerCount === 1 ? vscode.l10n.t(' · {0} viewer', b.viewerCount) : vscode.l10n.t(' · {0} viewers', b.viewerCount)) : '';
    this.id = `broadcast:${b.id}`;
    this.description = `${state}${viewers} · ${b.token}${b.accessType === 'password' ? vscode.l10n.t(' · password') : ''}`;
    this.iconPath = new vscode.ThemeIcon(
      state === 'live' ? 'broadcast' : state === 'standby' ? 'debug-pause' : state === 'ended' ? 'pass' : 'circle-large-outline',
      state === 'live' ? new vscode.ThemeColor('charts.red') : state === 'standby' ? new vscode.ThemeColor('charts.yellow') : undefined,
    );
    this.contextValue = `broadcast.${state}${b.accessType === 'password' ? '.password' : ''}`;
    this.tooltip = tooltip(b, state);
    this.accessibilityInformation = { label: `${b.name}, ${this.description}` };
  }
}

class LoadMoreItem extends vscode.TreeItem {
  constructor(readonly nextPage: number, remaining: number) {
    super(vscode.l10n.t('Load {0} more…', remaining), vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.command = { command: 'speechApi.vurbo.loadMoreBroadcasts', title: vscode.l10n.t('Load more') };
    this.contextValue = 'loadMore';
  }
}

type Node = BroadcastItem | LoadMoreItem;

/** `live`, `standby` (active, not live yet), or the status the server gave. */
export function stateOf(b: Broadcast): string {
  if (b.isLive) return 'live';
  if (b.status === 'active') return b.phase === 'live' ? 'live' : 'standby';
  return b.status;
}

function tooltip(b: Broadcast, state: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.appendMarkdown(`**${esc(b.name)}** — ${state}\n\n`);
  md.appendMarkdown(vscode.l10n.t('Share link: {0} (token `{1}`)', esc(b.shareUrl), b.token) + '\n\n');
  md.appendMarkdown(vscode.l10n.t('Spoken: {0} · translations: {1}', esc(b.transcriptionLanguage), esc(b.translationLanguages.join(', ') || vscode.l10n.t('none'))) + '\n\n');
  md.appendMarkdown(vscode.l10n.t('Access: {0}', b.accessType === 'password' ? vscode.l10n.t('password-protected') : vscode.l10n.t('public')) + (b.maxViewers ? vscode.l10n.t(' · up to {0} viewers', b.maxViewers) : '') + '\n\n');
  const now = b.viewerCount !== undefined ? vscode.l10n.t('{0} now · ', b.viewerCount) : '';
  md.appendMarkdown(vscode.l10n.t('Viewers: {0}{1} peak · {2} total', now, b.peakViewers, b.totalViewers) + '\n\n');
  md.appendMarkdown(vscode.l10n.t('Recordings: {0} · {1}', b.recordingsCount, b.durationFormatted ?? '00:00'));
  if (b.createdAt) md.appendMarkdown(vscode.l10n.t(' · created {0}', new Date(b.createdAt).toLocaleString()));
  return md;
}

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export class BroadcastTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private items: Broadcast[] = [];
  private lastPage = 1;
  private loadedPages = 0;
  private total = 0;
  private loading: Promise<void> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly connections: ConnectionSource, private readonly log: Log) {
    this.view = vscode.window.createTreeView('speechApi.broadcasts', { treeDataProvider: this, canSelectMany: true, showCollapseAll: false });
    this.disposables.push(
      this.view,
      showHostInTitle(this.view, 'vurbo', connections.hosts),
      this.changed,
      connections.onDidChange((p) => p === 'vurbo' && this.refresh()),
      this.view.onDidChangeVisibility(() => this.schedule()),
    );
  }

  get broadcasts(): readonly Broadcast[] {
    return this.items;
  }

  refresh(): void {
    this.loadedPages = 0;
    this.items = [];
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  async loadMore(): Promise<void> {
    if (this.loadedPages >= this.lastPage) return;
    await this.load(this.loadedPages + 1);
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return [];
    if (this.loadedPages === 0) {
      this.loading ??= this.load(1);
      await this.loading;
    }
    const nodes: Node[] = this.items.map((b) => new BroadcastItem(b));
    if (this.loadedPages < this.lastPage) nodes.push(new LoadMoreItem(this.loadedPages + 1, this.total - this.items.length));
    this.schedule();
    return nodes;
  }

  private async load(page: number): Promise<void> {
    try {
      if (!(await this.connections.hasKey('vurbo'))) {
        this.view.message = undefined;
        this.items = [];
        this.loadedPages = 1;
        this.lastPage = 1;
        return;
      }
      const conn = await this.connections.connect('vurbo', { interactive: false });
      const result = await new BroadcastsApi(new VurboClient(conn)).list({ page, perPage: PAGE_SIZE });
      const seen = new Set(this.items.map((b) => b.id));
      this.items = page === 1 ? result.items : [...this.items, ...result.items.filter((b) => !seen.has(b.id))];
      this.loadedPages = page;
      this.lastPage = result.lastPage;
      this.total = result.total;
      this.view.message = undefined;
    } catch (e) {
      this.loadedPages = Math.max(this.loadedPages, 1);
      this.lastPage = this.loadedPages;
      const message = e instanceof ApiError ? e.message : String(e);
      this.view.message = vscode.l10n.t('Could not load broadcasts: {0}', message);
      this.log.warn(`Broadcasts: ${message}`);
    }
  }

  /** Keeps viewer counts fresh while someone is looking and a broadcast is running. */
  private schedule(): void {
    const wanted = this.view.visible && this.items.some((b) => b.status === 'active');
    if (wanted && !this.timer) {
      this.timer = setInterval(() => this.refresh(), LIVE_REFRESH_MS);
    } else if (!wanted && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.disposables.forEach((d) => d.dispose());
  }
}
