// Running streams (SSE, live sessions, broadcast viewers): a status-bar item with their count
// (hidden when none run), a list on click, and `speechApi.stopStream` to stop one or all.
import * as vscode from 'vscode';
import { COMMAND } from '../shared/commandIds';
import { Disposable } from '../shared/dispose';
import { RawEventRing, type RawEvent } from '../../core/explorer/rawEvent';
import type { RecordedStream, RunningStream, StreamRegistry } from '../shared/streams';

const RUNNING_CONTEXT = 'speechApi.streams.running';
/** Raw events kept per stream, and finished streams kept for Show Raw Events. */
const RAW_KEPT = 2000;
const FINISHED_KEPT = 10;
/** A stream shorter than this (most history replays) never shows in the status bar: it would only flash. */
const SHOW_AFTER_MS = 300;
const KIND_ICON: Record<RunningStream['kind'], string> = { sse: '$(radio-tower)', live: '$(mic-filled)', broadcast: '$(broadcast)' };

export class RunningStreams extends Disposable implements StreamRegistry {
  private readonly streams = new Map<string, { stream: RunningStream; since: number }>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly raw = new Map<string, { stream: RunningStream; ring: RawEventRing }>();
  private readonly finished: string[] = [];
  private readonly rawRecorded = this.register(new vscode.EventEmitter<{ readonly id: string; readonly event: RawEvent }>());
  readonly onDidRecordRaw = this.rawRecorded.event;
  private readonly item = this.register(vscode.window.createStatusBarItem('speechApi.streams', vscode.StatusBarAlignment.Left, 40));
  private itemShown = false;
  private showSoon: ReturnType<typeof setTimeout> | undefined;
  private contextRunning: boolean | undefined;

  constructor() {
    super();
    this.item.name = vscode.l10n.t('Speech API Streams');
    this.item.command = COMMAND.streams.showRunning;
    this.update();
    this.register({ dispose: () => clearTimeout(this.showSoon) });
  }

  add(stream: RunningStream): vscode.Disposable {
    // Ids are unique per stream; a reused id replaces the old entry, which must not outlive it.
    const entry = { stream, since: Date.now() };
    this.streams.set(stream.id, entry);
    this.raw.set(stream.id, { stream, ring: new RawEventRing(RAW_KEPT) });
    this.update();
    return new vscode.Disposable(() => {
      if (this.streams.get(stream.id) === entry) {
        this.streams.delete(stream.id);
        // Its raw events stay a while, for Show Raw Events after the stream has ended.
        this.finished.push(stream.id);
        for (const old of this.finished.splice(0, Math.max(0, this.finished.length - FINISHED_KEPT))) this.raw.delete(old);
        this.update();
      }
    });
  }

  recordRaw(id: string, event: RawEvent): void {
    const entry = this.raw.get(id);
    if (!entry) return;
    entry.ring.push(event);
    this.rawRecorded.fire({ id, event });
  }

  recorded(): readonly RecordedStream[] {
    const all = [...this.raw.entries()].reverse().map(([id, { stream, ring }]) => ({
      id,
      label: stream.label,
      kind: stream.kind,
      running: this.streams.has(id),
      events: ring.list(),
      dropped: ring.dropped,
    }));
    return [...all.filter((s) => s.running), ...all.filter((s) => !s.running)];
  }

  list(): readonly RunningStream[] {
    return [...this.streams.values()].map((e) => e.stream);
  }

  stop(id: string): boolean {
    const entry = this.streams.get(id);
    entry?.stream.stop();
    return !!entry;
  }

  stopAll(): number {
    const all = this.list();
    for (const s of all) s.stop();
    return all.length;
  }

  /** Lets the user pick a stream to stop, or all of them. */
  async pickAndStop(title = vscode.l10n.t('Running Streams — pick one to stop it')): Promise<void> {
    const entries = [...this.streams.values()];
    if (entries.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No transcript stream is running.'));
      return;
    }
    type Item = vscode.QuickPickItem & { id?: string };
    const items: Item[] = entries.map(({ stream, since }) => ({
      label: `${KIND_ICON[stream.kind]} ${stream.label}`,
      description: vscode.l10n.t('running {0}', formatElapsed(Date.now() - since)),
      id: stream.id,
    }));
    if (entries.length > 1)
      items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: `$(debug-stop) ${vscode.l10n.t('Stop All Streams')}` });
    const picked = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: vscode.l10n.t('Stopping ends the stream; what it showed stays in its output channel.'),
    });
    if (!picked) return;
    if (picked.id) this.stop(picked.id);
    else this.stopAll();
  }

  private update(): void {
    if (this.isDisposed) return;
    const n = this.streams.size;
    if (this.contextRunning !== n > 0) {
      this.contextRunning = n > 0;
      void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, n > 0);
    }
    if (n === 0) {
      clearTimeout(this.showSoon);
      this.showSoon = undefined;
      this.itemShown = false;
      this.item.hide();
    } else {
      this.item.text = `$(radio-tower) ${n === 1 ? vscode.l10n.t('{0} stream', n) : vscode.l10n.t('{0} streams', n)}`;
      // Plain text: the extension host parses a MarkdownString's whole text again on every update of
      // the item, ≈ 20 ms the first time in a window — on the way to a task's first sentence.
      const running = this.list().map((s) => `• ${s.label}`);
      this.item.tooltip = [vscode.l10n.t('Running streams:'), ...running, '', vscode.l10n.t('Click to stop one or all.')].join('\n');
      this.item.accessibilityInformation = {
        label:
          n === 1
            ? vscode.l10n.t('{0} transcript stream running. Activate to stop one or all.', n)
            : vscode.l10n.t('{0} transcript streams running. Activate to stop one or all.', n),
      };
      if (this.itemShown) this.item.show();
      else
        this.showSoon ??= setTimeout(() => {
          this.showSoon = undefined;
          this.itemShown = true;
          this.item.show();
        }, SHOW_AFTER_MS);
    }
    this.changed.fire();
  }

  override dispose(): void {
    this.stopAll();
    super.dispose();
  }
}

function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return vscode.l10n.t('{0} s', s);
  const m = Math.floor(s / 60);
  return m < 60 ? vscode.l10n.t('{0} min {1} s', m, s % 60) : vscode.l10n.t('{0} h {1} min', Math.floor(m / 60), m % 60);
}
