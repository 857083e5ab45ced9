// Live-session commands: start (the wizard), pause, resume, stop, and the status-bar menu.
import * as vscode from 'vscode';
import type { Broadcast } from '../../core/vurbo/broadcasts';
import { COMMAND } from '../shared/commandIds';
import type { Commands } from '../shared/commands';
import type { FeatureDeps } from '../shared/feature';
import { CaptureError } from '../../core/capture';
import { showCaptureError } from './captureErrors';
import type { LiveTranscriptFeed } from '../shared/liveFeed';
import { showNotice } from '../shared/notice';
import { LiveRun, type LiveRunDeps } from './liveRun';
import { unavailableText } from './microphone';
import type { LiveSessions } from './model';
import { askLiveStart, type AudioSourceKind } from './startWizard';

/** What live sessions need from other features, wired in extension.ts. */
export interface LiveLinks {
  /** The broadcasts feature's create wizard (offered when there is no broadcast to host). */
  createBroadcast(): Promise<void>;
  /** A finished session left a new task at the server. */
  tasksChanged(): Promise<void>;
  /** The views feature's transcript viewer, following a running session. */
  showInViewer(feed: LiveTranscriptFeed): void;
}

export class LiveCommands {
  constructor(
    private readonly sessions: LiveSessions,
    private readonly deps: FeatureDeps & LiveLinks,
  ) {}

  register(commands: Commands): vscode.Disposable[] {
    const withActive = (act: (run: LiveRun) => void) => () => {
      const run = this.active();
      if (run) act(run);
      this.sessions.sync();
    };
    return [
      commands.register(COMMAND.live.start, vscode.l10n.t('Start live session'), (file?: unknown) => this.start(file instanceof vscode.Uri ? { file } : {})),
      commands.register(
        COMMAND.live.pause,
        vscode.l10n.t('Pause live session'),
        withActive((r) => r.pause()),
      ),
      commands.register(
        COMMAND.live.resume,
        vscode.l10n.t('Resume live session'),
        withActive((r) => r.resume()),
      ),
      commands.register(
        COMMAND.live.stop,
        vscode.l10n.t('Stop live session'),
        withActive((r) => r.stop()),
      ),
      commands.register(COMMAND.live.menu, vscode.l10n.t('Live session'), () => this.menu()),
      commands.register(
        COMMAND.live.openViewer,
        vscode.l10n.t('Show live session in the transcript viewer'),
        withActive((r) => this.deps.showInViewer(r.feed)),
      ),
    ];
  }

  private active(): LiveRun | undefined {
    const run = this.sessions.current;
    if (!run) void vscode.window.showInformationMessage(vscode.l10n.t('No live session is running. Start one with "Speech API: Start Live Session…".'));
    return run;
  }

  /** `file`: stream that WAV file; `source`: skip the source question; `broadcast`: host that one without asking which. */
  async start(preset: { file?: vscode.Uri; source?: AudioSourceKind; broadcast?: Broadcast } = {}): Promise<void> {
    const current = this.sessions.current;
    if (current) {
      const stopAndStart = vscode.l10n.t('Stop and Start New');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('A live session is running ({0}). Stop it and start another?', current.label),
        { modal: true },
        stopAndStart,
      );
      if (choice !== stopAndStart) return;
      current.stop();
    }
    const conn = await this.deps.connections.connect('vurbo');
    const request = await askLiveStart(conn, this.deps.state, this.deps.createBroadcast, {
      file: preset.file,
      source: preset.source,
      broadcast: preset.broadcast,
      microphoneUnavailable: async (reason) => {
        await showNotice('warning', unavailableText(reason), [{ label: vscode.l10n.t('Use a WAV File'), run: () => this.start({ source: 'wav' }) }]);
      },
    });
    if (!request) return;
    const runDeps: LiveRunDeps = {
      streams: this.deps.streams,
      outputs: this.deps.outputs,
      log: this.deps.log,
      errors: this.deps.errors,
      tasksChanged: this.deps.tasksChanged,
      captureFailed: (error) => void this.showCaptureError(error),
    };
    let liveRun: LiveRun;
    try {
      liveRun = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting live session…'), cancellable: false },
        () =>
          LiveRun.start(conn, request, runDeps, (ended, outcome) => {
            this.sessions.ended(ended);
            this.deps.log.info(
              `Live session ${outcome.state}: ${outcome.finalSentences} sentences${outcome.taskId ? `, task ${outcome.taskId}` : ''}${outcome.error ? ` — ${outcome.error.message}` : ''}`,
            );
            void ended.reportEnd(outcome);
          }),
      );
    } catch (e) {
      if (!(e instanceof CaptureError)) throw e;
      this.deps.log.warn(`Live session: ${e.message}`);
      return this.showCaptureError(e);
    }
    if (liveRun.state !== 'failed' && liveRun.state !== 'cancelled') this.sessions.track(liveRun);
  }

  private showCaptureError(error: CaptureError): Promise<void> {
    return showCaptureError(error, {
      pickDevice: () => this.start({ source: 'microphone' }),
      useWav: () => this.start({ source: 'wav' }),
      showLog: () => this.deps.log.show(),
    });
  }

  private async menu(): Promise<void> {
    const r = this.active();
    if (!r) return;
    type Item = vscode.QuickPickItem & { act: () => void };
    const items: Item[] = [];
    if (r.state === 'paused')
      items.push({ label: `$(debug-continue) ${vscode.l10n.t('Resume')}`, detail: vscode.l10n.t('Continue sending audio.'), act: () => r.resume() });
    else if (r.state === 'live')
      items.push({ label: `$(debug-pause) ${vscode.l10n.t('Pause')}`, detail: vscode.l10n.t('Hold the audio; the session stays open.'), act: () => r.pause() });
    items.push({
      label: `$(debug-stop) ${vscode.l10n.t('Stop')}`,
      detail: vscode.l10n.t('End the recording here; the task is processed and summarised.'),
      act: () => r.stop(),
    });
    if (r.broadcast && r.broadcastPhase !== 'live') {
      items.push({
        label: `$(broadcast) ${vscode.l10n.t('Go Live')}`,
        detail: vscode.l10n.t('Move the broadcast from standby to live.'),
        act: () => r.session.goLive(),
      });
    }
    if (r.broadcast) {
      items.push({
        label: `$(megaphone) ${vscode.l10n.t('Send Announcement…')}`,
        detail: vscode.l10n.t('A message every viewer sees.'),
        act: () =>
          void vscode.window.showInputBox({ title: vscode.l10n.t('Announcement to viewers'), ignoreFocusOut: true }).then((m) => m && r.session.announce(m)),
      });
    }
    items.push({ label: `$(output) ${vscode.l10n.t('Show Transcript')}`, act: () => r.showOutput() });
    items.push({ label: `$(preview) ${vscode.l10n.t('Show in Transcript Viewer')}`, act: () => this.deps.showInViewer(r.feed) });
    const pick = await vscode.window.showQuickPick(items, { title: r.label, placeHolder: vscode.l10n.t('Live session — {0}', r.state) });
    pick?.act();
    this.sessions.sync();
  }
}
