// One running live session with its UI: the transcript output channel, the status-bar item (state,
// position, the current partial sentence), the running-streams entry, and what happens at the end
// (summary, Tasks refresh, notifications). The protocol itself lives in core/vurbo/live.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ApiError } from '../../core/errors';
import type { Broadcast } from '../../core/vurbo/broadcasts';
import { LiveSession, type LiveOutcome, type LiveSessionEvent, type LiveState } from '../../core/vurbo/live';
import { LIVE_PCM } from '../../core/vurbo/liveProtocol';
import { WavPcmSource } from '../../core/vurbo/wav';
import type { ProviderConnection } from '../shared/connection';
import { showError } from '../shared/errors';
import type { Log } from '../shared/log';
import type { StreamRegistry, TranscriptOutput, TranscriptOutputFactory } from '../shared/streams';
import type { LiveStartRequest } from './startWizard';

export interface LiveRunDeps {
  streams: StreamRegistry;
  outputs: TranscriptOutputFactory;
  log: Log;
}

const STATE_TEXT: Record<LiveState, string> = {
  connecting: '$(loading~spin) Live: connecting',
  live: '$(record) Live',
  paused: '$(debug-pause) Live: paused',
  reconnecting: '$(sync~spin) Live: reconnecting',
  finishing: '$(loading~spin) Live: finishing',
  completed: '$(check) Live: done',
  failed: '$(error) Live: failed',
  cancelled: '$(circle-slash) Live: stopped',
};

export class LiveRun implements vscode.Disposable {
  readonly session: LiveSession;
  readonly output: TranscriptOutput;
  readonly label: string;
  readonly broadcast: Broadcast | undefined;
  private readonly status: vscode.StatusBarItem;
  private readonly registration: vscode.Disposable;
  private readonly ticker: ReturnType<typeof setInterval>;
  private partial: string | undefined;
  private stopCalls = 0;
  private viewers: number | undefined;
  private phase: string | undefined;

  private constructor(conn: ProviderConnection, request: LiveStartRequest, audio: WavPcmSource, private readonly deps: LiveRunDeps, private readonly onEnd: (run: LiveRun, outcome: LiveOutcome) => void) {
    const file = path.basename(request.file.fsPath);
    this.label = request.broadcast ? `Broadcast · ${request.broadcast.name}` : `Live · ${file}`;
    this.broadcast = request.broadcast;
    this.output = deps.outputs.open(`Vurbo Live: ${request.broadcast ? request.broadcast.name : file}`);
    this.session = new LiveSession({ endpoint: conn, params: request.params, audio, userAgent: 'speech-api-explorer' });
    this.status = vscode.window.createStatusBarItem('speechApi.liveSession', vscode.StatusBarAlignment.Left, 9);
    this.status.name = 'Vurbo Live Session';
    this.status.command = 'speechApi.vurbo.liveSessionMenu';
    this.registration = deps.streams.add({ id: `live:${file}:${Date.now()}`, label: this.label, kind: request.broadcast ? 'broadcast' : 'live', stop: () => this.stop() });
    this.session.onEvent((e) => this.onEvent(e));
    this.ticker = setInterval(() => this.render(), 1000);
    const f = audio.format;
    this.output.note(`Streaming ${file} (${f.sampleRate} Hz, ${f.channels === 1 ? 'mono' : `${f.channels} channels`}, ${formatClock(audio.durationMs)}) in real time as ${LIVE_PCM.sampleRate / 1000} kHz mono PCM. VS Code has no microphone access, so live audio comes from a file.`);
    this.output.note(`Type: ${request.params.type} · spoken: ${request.params.transcriptionLanguages.join(', ')} · translation: ${request.params.translationLanguages?.join(', ') || 'none'} · mode: ${request.params.recognitionMode ?? 'single'}${request.params.summaryTemplate ? ` · summary: ${request.params.summaryTemplate}` : ''}`);
    this.output.show();
    this.render();
    this.status.show();
  }

  /** Opens the WAV file (a clear error when it is not 16-bit PCM WAV) and connects. */
  static async start(conn: ProviderConnection, request: LiveStartRequest, deps: LiveRunDeps, onEnd: (run: LiveRun, outcome: LiveOutcome) => void): Promise<LiveRun> {
    const audio = await WavPcmSource.open(request.file.fsPath, LIVE_PCM.sampleRate);
    const run = new LiveRun(conn, request, audio, deps, onEnd);
    void run.session.done.then((o) => run.finished(o));
    try {
      await run.session.start();
    } catch {
      // `done` reports it; the session has ended.
    }
    return run;
  }

  get state(): LiveState {
    return this.session.state;
  }

  pause(): void {
    this.session.pause();
  }

  resume(): void {
    this.session.resume();
  }

  /** First call: stop gracefully and follow the task; a second call closes at once. */
  stop(): void {
    if (this.stopCalls++ === 0 && this.session.state !== 'connecting' && this.session.state !== 'reconnecting') this.session.stop();
    else this.session.cancel();
  }

  showOutput(): void {
    this.output.show();
  }

  private onEvent(e: LiveSessionEvent): void {
    switch (e.type) {
      case 'transcript':
        if (e.event.kind === 'segment') this.partial = e.event.segment.final ? undefined : e.event.segment.text;
        if (e.event.kind !== 'end') this.output.apply(e.event);
        break;
      case 'note':
        this.output.note(e.text);
        this.deps.log.info(`Live session: ${e.text}`);
        break;
      case 'warning':
        this.output.note(`⚠ ${e.error.message}`);
        this.deps.log.warn(`Live session: ${e.error.message} (${e.error.code})`);
        break;
      case 'started':
        if (!e.resumed && !e.newTask) this.output.note(`Session started: task ${e.taskId ?? '(no id)'}.`);
        if (this.broadcast && e.broadcastPhase === 'standby') void this.offerGoLive();
        break;
      case 'phase':
        this.phase = e.phase;
        this.output.note(`Broadcast is ${e.phase === 'live' ? 'live: viewers see the captions' : e.phase}.`);
        break;
      case 'viewers':
        this.viewers = e.count;
        break;
      case 'state':
        if (e.state === 'reconnecting') this.output.note('Reconnecting…');
        break;
    }
    this.render();
  }

  private async offerGoLive(): Promise<void> {
    this.phase = 'standby';
    const choice = await vscode.window.showInformationMessage(`"${this.broadcast!.name}" is in standby: viewers wait until you go live.`, 'Go Live');
    if (choice === 'Go Live') this.session.goLive();
  }

  private render(): void {
    const s = this.session;
    const pos = s.positionMs ? ` ${formatClock(s.positionMs)}/${formatClock(s.durationMs)}` : '';
    const audience = this.broadcast ? ` · ${this.phase ?? 'standby'}${this.viewers !== undefined ? ` · ${this.viewers} viewer${this.viewers === 1 ? '' : 's'}` : ''}` : '';
    const partial = this.partial ? ` · “${truncate(this.partial, 32)}”` : '';
    this.status.text = `${STATE_TEXT[s.state]}${pos}${audience}${s.state === 'live' ? partial : ''}`;
    const tip = new vscode.MarkdownString(`**${escapeMd(this.label)}** — ${s.state}\n\n`);
    if (s.taskId) tip.appendMarkdown(`Task \`${s.taskId}\`\n\n`);
    if (this.partial) tip.appendMarkdown(`Hearing: _${escapeMd(this.partial)}…_\n\n`);
    tip.appendMarkdown('Click for pause, resume and stop.');
    this.status.tooltip = tip;
    this.status.backgroundColor = s.state === 'reconnecting' || s.state === 'failed' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  private finished(outcome: LiveOutcome): void {
    clearInterval(this.ticker);
    this.partial = undefined;
    this.render();
    this.registration.dispose();
    const sentences = `${outcome.finalSentences} sentence${outcome.finalSentences === 1 ? '' : 's'}`;
    if (outcome.state === 'completed') {
      this.output.note(`Session finished: ${sentences}.${outcome.processingUnconfirmed ? ' The task is still processing.' : ''}`);
    } else if (outcome.state === 'failed') {
      this.output.note(`Session ended: ${outcome.error?.message ?? 'failed'}`);
    } else {
      this.output.note(`Session stopped: ${sentences} kept.`);
    }
    this.output.apply({ kind: 'end', reason: outcome.state });
    this.output.flush();
    this.onEnd(this, outcome);
    // The item shows the outcome for a moment, then goes away.
    setTimeout(() => this.status.dispose(), 8000);
  }

  async reportEnd(outcome: LiveOutcome): Promise<void> {
    if (outcome.state === 'failed') return showError('Live session', outcome.error as ApiError);
    if (outcome.state !== 'completed') return;
    await vscode.commands.executeCommand('speechApi.vurbo.refreshTasks').then(undefined, () => undefined);
    const choice = await vscode.window.showInformationMessage(
      `Live session finished: ${outcome.finalSentences} sentence${outcome.finalSentences === 1 ? '' : 's'}${outcome.summary ? ' and a summary' : ''}. The task is in the Vurbo Tasks view.`,
      'Show Transcript',
    );
    if (choice === 'Show Transcript') this.output.show();
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.session.cancel();
    this.registration.dispose();
    this.status.dispose();
  }
}

function formatClock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `…${s.slice(s.length - n + 1)}` : s;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
