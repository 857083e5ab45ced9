// One running live session with its UI: the transcript output channel, the status-bar item (state,
// position or elapsed time and input level, the current partial sentence), the running-streams
// entry, and what happens at the end (summary, Tasks refresh, notifications). The protocol itself
// lives in core/vurbo/live/, the microphone capture in core/capture/.
import path from 'node:path';
import * as vscode from 'vscode';
import { rawWsMessage } from '../../core/explorer/rawEvent';
import { CapturePcmSource, CaptureError, describeCommand, levelBar, type CaptureEvent } from '../../core/capture';
import { formatClock } from '../../core/clock';
import type { ApiError } from '../../core/errors';
import type { Broadcast } from '../../core/vurbo/broadcasts';
import { LiveSession, type LiveOutcome, type LiveSessionEvent, type LiveState } from '../../core/vurbo/live';
import { LIVE_PCM } from '../../core/vurbo/liveProtocol';
import { WavPcmSource } from '../../core/vurbo/wav';
import type { ProviderConnection } from '../shared/connection';
import { COMMAND } from '../shared/commandIds';
import type { FeatureDeps } from '../shared/feature';
import type { TranscriptOutput } from '../shared/streams';
import { LiveFeed } from './feed';
import type { LiveStartRequest } from './startWizard';
import { errorText } from '../shared/errors';
import { showNotice } from '../shared/notice';

export type LiveRunDeps = Pick<FeatureDeps, 'streams' | 'outputs' | 'log' | 'errors'> & {
  /** A finished session left a new task at the server. */
  tasksChanged(): Promise<void>;
  /** The microphone's capture program failed during the session. */
  captureFailed(error: CaptureError): void;
};

/** The status-bar text per state (evaluated on use, so it follows the display language's bundle). */
function stateText(state: LiveState): string {
  switch (state) {
    case 'connecting':
      return `$(loading~spin) ${vscode.l10n.t('Live: connecting')}`;
    case 'live':
      return `$(record) ${vscode.l10n.t('Live')}`;
    case 'paused':
      return `$(debug-pause) ${vscode.l10n.t('Live: paused')}`;
    case 'reconnecting':
      return `$(sync~spin) ${vscode.l10n.t('Live: reconnecting')}`;
    case 'finishing':
      return `$(loading~spin) ${vscode.l10n.t('Live: finishing')}`;
    case 'completed':
      return `$(check) ${vscode.l10n.t('Live: done')}`;
    case 'failed':
      return `$(error) ${vscode.l10n.t('Live: failed')}`;
    case 'cancelled':
      return `$(circle-slash) ${vscode.l10n.t('Live: stopped')}`;
  }
}

export class LiveRun implements vscode.Disposable {
  readonly session: LiveSession;
  readonly output: TranscriptOutput;
  readonly label: string;
  readonly broadcast: Broadcast | undefined;
  /** The transcript as a viewer follows it. */
  readonly feed: LiveFeed;
  private readonly status: vscode.StatusBarItem;
  private readonly registration: vscode.Disposable;
  private readonly ticker: ReturnType<typeof setInterval>;
  private partial: string | undefined;
  private stopCalls = 0;
  private viewers: number | undefined;
  private phase: string | undefined;

  /** The broadcast's phase as the server last said it ('standby', 'live'…), for the menu. */
  get broadcastPhase(): string | undefined {
    return this.phase;
  }
  private lingering: ReturnType<typeof setTimeout> | undefined;

  private readonly mic: CapturePcmSource | undefined;
  private silenceWarned = false;

  private constructor(
    conn: ProviderConnection,
    request: LiveStartRequest,
    audio: WavPcmSource | CapturePcmSource,
    private readonly deps: LiveRunDeps,
    private readonly onEnd: (run: LiveRun, outcome: LiveOutcome) => void,
  ) {
    const file = request.audio.kind === 'wav' ? path.basename(request.audio.file.fsPath) : vscode.l10n.t('Microphone');
    this.label = request.broadcast ? vscode.l10n.t('Broadcast · {0}', request.broadcast.name) : vscode.l10n.t('Live · {0}', file);
    this.broadcast = request.broadcast;
    this.mic = audio instanceof CapturePcmSource ? audio : undefined;
    this.feed = new LiveFeed(this.label);
    this.output = deps.outputs.open(`Vurbo Live: ${request.broadcast ? request.broadcast.name : file}`);
    const streamId = `live:${file}:${Date.now()}`;
    this.session = new LiveSession({
      endpoint: conn,
      params: request.params,
      audio,
      userAgent: 'speech-api-explorer',
      onRawMessage: (text) => deps.streams.recordRaw(streamId, rawWsMessage(text)),
    });
    this.status = vscode.window.createStatusBarItem('speechApi.liveSession', vscode.StatusBarAlignment.Left, 9);
    this.status.name = vscode.l10n.t('Vurbo Live Session');
    this.status.command = COMMAND.live.menu;
    this.registration = deps.streams.add({ id: streamId, label: this.label, kind: request.broadcast ? 'broadcast' : 'live', stop: () => this.stop() });
    this.session.onEvent((e) => this.onEvent(e));
    this.ticker = setInterval(() => this.render(), 1000);
    if (audio instanceof WavPcmSource) {
      const f = audio.format;
      this.output.note(
        vscode.l10n.t(
          'Streaming {0} ({1} Hz, {2}, {3}) in real time as {4} kHz mono PCM.',
          file,
          f.sampleRate,
          f.channels === 1 ? vscode.l10n.t('mono') : vscode.l10n.t('{0} channels', f.channels),
          formatClock(audio.durationMs, { minutesOnly: true }),
          LIVE_PCM.sampleRate / 1000,
        ),
      );
    } else if (request.audio.kind === 'microphone') {
      const { command, deviceLabel } = request.audio.mic;
      this.output.note(vscode.l10n.t('Capturing {0} as {1} kHz mono PCM with: {2}', deviceLabel, LIVE_PCM.sampleRate / 1000, describeCommand(command)));
      audio.onEvent((e) => this.onCapture(e));
    }
    this.output.note(
      vscode.l10n.t(
        'Type: {0} · spoken: {1} · translation: {2} · mode: {3}{4}',
        request.params.type,
        request.params.transcriptionLanguages.join(', '),
        request.params.translationLanguages?.join(', ') || vscode.l10n.t('none'),
        request.params.recognitionMode ?? 'single',
        request.params.summaryTemplate ? vscode.l10n.t(' · summary: {0}', request.params.summaryTemplate) : '',
      ),
    );
    this.output.show();
    this.render();
    this.status.show();
  }

  /**
   * Opens the WAV file (a clear error when it is not 16-bit PCM WAV) or starts the capture program
   * (a CaptureError when it delivers no audio), then connects.
   */
  static async start(
    conn: ProviderConnection,
    request: LiveStartRequest,
    deps: LiveRunDeps,
    onEnd: (run: LiveRun, outcome: LiveOutcome) => void,
  ): Promise<LiveRun> {
    const choice = request.audio;
    const audio =
      choice.kind === 'wav'
        ? await WavPcmSource.open(choice.file.fsPath, LIVE_PCM.sampleRate)
        : await CapturePcmSource.open({ command: choice.mic.command, sampleRate: LIVE_PCM.sampleRate, platform: choice.mic.platform });
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
        if (e.event.kind !== 'end') {
          this.output.apply(e.event);
          this.feed.apply(e.event);
        }
        break;
      case 'note': {
        const text =
          e.code === 'processing-unconfirmed'
            ? vscode.l10n.t('The server has not confirmed processing yet; the task will appear in the Tasks view when it is done.')
            : e.code === 'audio-ended'
              ? this.mic
                ? vscode.l10n.t('The capture stopped: stopping the recording.')
                : vscode.l10n.t('End of the audio file: stopping the recording.')
              : e.text;
        this.output.note(text);
        this.deps.log.info(`Live session: ${text}`);
        break;
      }
      case 'warning':
        this.output.note(`⚠ ${errorText(e.error)}`);
        this.deps.log.warn(`Live session: ${e.error.message} (${e.error.code})`);
        break;
      case 'started':
        this.feed.taskId = e.taskId ?? this.feed.taskId;
        if (!e.resumed && !e.newTask) this.output.note(vscode.l10n.t('Session started: task {0}.', e.taskId ?? vscode.l10n.t('(no id)')));
        if (this.broadcast && e.broadcastPhase === 'standby') void this.offerGoLive();
        break;
      case 'phase':
        this.phase = e.phase;
        this.output.note(vscode.l10n.t('Broadcast is {0}.', e.phase === 'live' ? vscode.l10n.t('live: viewers see the captions') : e.phase));
        break;
      case 'viewers':
        this.viewers = e.count;
        break;
      case 'state':
        if (e.state === 'reconnecting') this.output.note(vscode.l10n.t('Reconnecting…'));
        break;
    }
    this.render();
  }

  private onCapture(e: CaptureEvent): void {
    if (e.type === 'level') return this.render();
    if (e.type === 'silence') {
      if (this.silenceWarned) return;
      this.silenceWarned = true;
      const text = vscode.l10n.t('The microphone has been silent for {0} s. Is it the right input device, and not muted?', Math.round(e.silentMs / 1000));
      this.output.note(`⚠ ${text}`);
      void vscode.window.showWarningMessage(text);
      return;
    }
    if (e.error) {
      this.output.note(`⚠ ${e.error.message}`);
      this.deps.log.warn(`Live session: ${e.error.message}`);
      this.deps.captureFailed(e.error);
    }
  }

  private async offerGoLive(): Promise<void> {
    this.phase = 'standby';
    await showNotice('info', vscode.l10n.t('"{0}" is in standby: viewers wait until you go live.', this.broadcast!.name), [
      { label: vscode.l10n.t('Go Live'), run: () => this.session.goLive() },
    ]);
  }

  private render(): void {
    const s = this.session;
    const pos = this.mic
      ? ` ${this.mic.isMuted || !this.isRunning ? '' : `${levelBar(this.mic.levelDb)} `}${formatClock(this.mic.capturedMs, { minutesOnly: true })}`
      : s.positionMs
        ? ` ${formatClock(s.positionMs, { minutesOnly: true })}/${formatClock(s.durationMs, { minutesOnly: true })}`
        : '';
    const viewers =
      this.viewers === undefined ? '' : this.viewers === 1 ? vscode.l10n.t(' · {0} viewer', this.viewers) : vscode.l10n.t(' · {0} viewers', this.viewers);
    const audience = this.broadcast ? ` · ${this.phase ?? 'standby'}${viewers}` : '';
    const partial = this.partial ? ` · “${truncate(this.partial, 32)}”` : '';
    this.status.text = `${stateText(s.state)}${pos}${audience}${s.state === 'live' ? partial : ''}`;
    // Plain text: the extension host parses a MarkdownString's whole text again on every update of
    // the item (each partial, each level reading), ≈ 20 ms the first time in a window.
    const tip = [`${this.label} — ${s.state}`];
    if (s.taskId) tip.push(vscode.l10n.t('Task {0}', s.taskId));
    if (this.partial) tip.push(vscode.l10n.t('Hearing: {0}…', this.partial));
    if (this.mic && this.isRunning)
      tip.push(this.mic.isMuted ? vscode.l10n.t('Microphone muted') : vscode.l10n.t('Input level: {0} dBFS', Math.round(this.mic.levelDb)));
    tip.push('', vscode.l10n.t('Click for pause, resume and stop.'));
    this.status.tooltip = tip.join('\n');
    this.status.backgroundColor = s.state === 'reconnecting' || s.state === 'failed' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  private get isRunning(): boolean {
    const state = this.session.state;
    return state === 'live' || state === 'paused' || state === 'reconnecting' || state === 'connecting';
  }

  private finished(outcome: LiveOutcome): void {
    clearInterval(this.ticker);
    this.partial = undefined;
    this.render();
    this.registration.dispose();
    const sentences = sentenceCount(outcome.finalSentences);
    const ending =
      outcome.state === 'completed'
        ? vscode.l10n.t('Session finished: {0}.', sentences) + (outcome.processingUnconfirmed ? vscode.l10n.t(' The task is still processing.') : '')
        : outcome.state === 'failed'
          ? vscode.l10n.t('Session ended: {0}', outcome.error ? errorText(outcome.error) : vscode.l10n.t('failed'))
          : vscode.l10n.t('Session stopped: {0} kept.', sentences);
    this.output.note(ending);
    this.feed.taskId = outcome.taskId ?? this.feed.taskId;
    this.feed.end(ending);
    this.output.apply({ kind: 'end', reason: outcome.state });
    this.output.flush();
    this.onEnd(this, outcome);
    // The item shows the outcome for a moment, then goes away.
    this.lingering = setTimeout(() => this.status.dispose(), 8000);
  }

  async reportEnd(outcome: LiveOutcome): Promise<void> {
    if (outcome.state === 'failed') return this.deps.errors.show(vscode.l10n.t('Live session'), outcome.error as ApiError);
    if (outcome.state !== 'completed') return;
    await this.deps.tasksChanged().catch(() => undefined);
    const sentences = sentenceCount(outcome.finalSentences);
    await showNotice(
      'info',
      outcome.summary
        ? vscode.l10n.t('Live session finished: {0} and a summary. The task is in the Vurbo Tasks view.', sentences)
        : vscode.l10n.t('Live session finished: {0}. The task is in the Vurbo Tasks view.', sentences),
      [{ label: vscode.l10n.t('Show Transcript'), run: () => this.output.show() }],
    );
  }

  dispose(): void {
    clearInterval(this.ticker);
    clearTimeout(this.lingering);
    this.session.cancel();
    this.registration.dispose();
    this.status.dispose();
    this.feed.dispose();
  }
}

function sentenceCount(n: number): string {
  return n === 1 ? vscode.l10n.t('{0} sentence', n) : vscode.l10n.t('{0} sentences', n);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `…${s.slice(s.length - n + 1)}` : s;
}
