// One transcript viewer: a completed task (its history stream, then its audio for the player) or a
// running live session (sentence by sentence, partials included, batched to ~10 updates a second).
// A task's history reaches the webview as it streams: its first screen as soon as the first rows
// are in, the rest as the same batched updates a live session sends.
import { nodeCrypto } from '../../core/lazyNode';
import * as vscode from 'vscode';
import { audioExtensionOf } from '../../core/vurbo/audioTypes';
import { Transcript, type SentenceId, type TranscriptEvent } from '../../core/transcript/model';
import { SpeakerColours, transcriptView, viewSentence } from '../../core/transcript/view';
import { TRANSCRIPT_FIRST_ROWS, type FromTranscript, type ToTranscript, type TranscriptState } from '../../core/views/protocol';
import { VurboClient } from '../../core/vurbo/client';
import { streamHistory } from '../../core/vurbo/sse';
import { toDisposable } from '../shared/dispose';
import { errorText } from '../shared/errors';
import type { FeatureDeps } from '../shared/feature';
import type { LiveTranscriptFeed } from '../shared/liveFeed';
import { webviewHtml } from './html';
import { transcriptStrings } from './strings';
import { ViewPanel } from './viewPanel';
import type { TranscriptFormat } from '../../core/vurbo/inferred';

export interface TranscriptLinks {
  /** The tasks feature's export, in a format chosen in the viewer. */
  exportTranscript(taskId: string, format: TranscriptFormat): Promise<void>;
}

export type TranscriptSource = { readonly kind: 'task' } | { readonly kind: 'live'; readonly feed: LiveTranscriptFeed };

const UPSERT_INTERVAL_MS = 100;
const UPSERT_MAX_SENTENCES = 500;

export interface TranscriptPanelDeps extends Pick<FeatureDeps, 'connections' | 'log'>, TranscriptLinks {
  readonly extensionUri: vscode.Uri;
  /** Where the player's audio files go (a webview resource root); each panel deletes its own. */
  readonly audioDir: vscode.Uri;
}

export class TranscriptPanel extends ViewPanel<ToTranscript, FromTranscript> {
  private transcript = new Transcript();
  private readonly colours = new SpeakerColours();
  /** Whether the webview may be sent the transcript: a live feed, or a history's first screen. */
  private loaded = false;
  private audioSrc: string | undefined;
  private status: { text: string; ended?: boolean } | undefined;
  private failure: string | undefined;
  private readonly pending = new Set<SentenceId>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    public state: TranscriptState,
    private readonly source: TranscriptSource,
    private readonly deps: TranscriptPanelDeps,
  ) {
    super(panel, vscode.l10n.t('Transcript: {0}', state.title));
    this.register(toDisposable(() => clearTimeout(this.timer)));
    // The page loads while the history streams.
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, 'transcript', panel.title, state);
    if (source.kind === 'live') this.follow(source.feed);
    else void this.loadTask(state.taskId!);
  }

  private get live(): boolean {
    return this.source.kind === 'live';
  }

  protected snapshot(): ToTranscript[] {
    if (this.failure) return [{ type: 'error', text: this.failure }];
    if (!this.loaded) return [];
    // The first screen now; every other sentence in the next batched update, after it has painted.
    const segments = this.transcript.segments;
    this.pending.clear();
    for (const s of segments.slice(TRANSCRIPT_FIRST_ROWS)) this.pending.add(s.sid);
    if (this.pending.size) this.timer ??= setTimeout(() => this.flushUpserts(), UPSERT_INTERVAL_MS);
    const view = transcriptView(
      { title: this.state.title, summary: this.transcript.summary, segments: segments.slice(0, TRANSCRIPT_FIRST_ROWS) },
      this.colours,
    );
    const out: ToTranscript[] = [{ type: 'transcript', view, live: this.live, strings: transcriptStrings() }];
    if (this.audioSrc) out.push({ type: 'audio', src: this.audioSrc });
    if (this.status) out.push({ type: 'status', ...this.status });
    return out;
  }

  private follow(feed: LiveTranscriptFeed): void {
    this.transcript = feed.transcript;
    this.loaded = true;
    this.register(feed.onEvent((e) => this.onLiveEvent(e)));
    const ended = (text: string) => {
      this.flushUpserts();
      this.state = { ...this.state, taskId: feed.taskId };
      this.status = { text, ended: true };
      this.channel.post({ type: 'status', text, ended: true });
    };
    if (feed.ended !== undefined) ended(feed.ended);
    else this.register(feed.onEnd(ended));
  }

  /** Queues the sentence an event changed for the next batched update. */
  private onLiveEvent(e: TranscriptEvent): void {
    if (e.kind === 'summary') return this.channel.post({ type: 'summary', text: e.text });
    const sid = e.kind === 'segment' ? e.segment.sid : e.kind === 'translation' || e.kind === 'sentenceError' ? e.sid : undefined;
    if (sid === undefined) return;
    this.pending.add(sid);
    this.timer ??= setTimeout(() => this.flushUpserts(), UPSERT_INTERVAL_MS);
  }

  private flushUpserts(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const sids = [...this.pending].sort((a, b) => a - b);
    this.pending.clear();
    const sentences = sids
      .map((sid) => this.transcript.get(sid))
      .filter((s) => s !== undefined)
      .map((s) => viewSentence(s, this.colours));
    // In parts, so that no one message keeps the webview busy for long.
    for (let i = 0; i < sentences.length; i += UPSERT_MAX_SENTENCES)
      this.channel.post({ type: 'upsert', sentences: sentences.slice(i, i + UPSERT_MAX_SENTENCES) });
  }

  private async loadTask(taskId: string): Promise<void> {
    let client: VurboClient;
    try {
      client = new VurboClient(await this.deps.connections.connect('vurbo'));
      const started = performance.now();
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading the transcript of "{0}"', this.state.title) },
        () => streamHistory(client.endpoint, taskId, { signal: this.abort.signal, onEvent: (e) => this.onHistoryEvent(e) }),
      );
      this.deps.log.info(`Transcript viewer: task ${taskId}, ${this.transcript.size} sentences in ${(performance.now() - started).toFixed(0)} ms`);
    } catch (e) {
      if (this.isDisposed) return;
      this.failure = vscode.l10n.t('Could not load the transcript: {0}', errorText(e));
      return this.channel.refresh();
    }
    if (this.loaded) this.flushUpserts();
    else {
      this.loaded = true;
      this.channel.refresh();
    }
    await this.loadAudio(client, taskId);
  }

  private onHistoryEvent(e: TranscriptEvent): void {
    this.transcript.apply(e);
    if (this.loaded) return this.onLiveEvent(e);
    if (this.transcript.size < TRANSCRIPT_FIRST_ROWS) return;
    this.loaded = true;
    this.channel.refresh();
  }

  private async loadAudio(client: VurboClient, taskId: string): Promise<void> {
    try {
      await vscode.workspace.fs.createDirectory(this.deps.audioDir);
      const base = vscode.Uri.joinPath(this.deps.audioDir, `${taskId.replace(/[^\w-]/g, '_')}-${nodeCrypto().randomBytes(4).toString('hex')}`);
      const saved = await client.exportAudio(taskId, `${base.fsPath}.download`, { signal: this.abort.signal });
      const ext = audioExtensionOf(saved.contentType) ?? 'wav';
      const file = base.with({ path: `${base.path}.${ext}` });
      await vscode.workspace.fs.rename(vscode.Uri.file(saved.path), file, { overwrite: true });
      this.register(toDisposable(() => void vscode.workspace.fs.delete(file).then(undefined, () => undefined)));
      if (this.isDisposed) return;
      this.audioSrc = this.panel.webview.asWebviewUri(file).toString();
      this.channel.post({ type: 'audio', src: this.audioSrc });
    } catch (e) {
      if (this.isDisposed) return;
      this.deps.log.warn(`Transcript viewer: no audio for task ${taskId}: ${errorText(e)}`);
      this.status = { text: vscode.l10n.t('No audio to play: {0}', errorText(e)) };
      this.channel.post({ type: 'status', ...this.status });
    }
  }

  protected async onMessage(m: FromTranscript): Promise<void> {
    if (m.type === 'export' && this.state.taskId) await this.deps.exportTranscript(this.state.taskId, m.format);
    else if (m.type === 'audioFailed') this.deps.log.warn(`Transcript viewer: the player could not play the audio: ${m.detail}`);
  }
}
