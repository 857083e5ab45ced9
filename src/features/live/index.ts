// Live sessions: start (from a WAV file), pause, resume and stop, and the status-bar menu. One
// session runs at a time; it also shows in the running-streams item, so Stop Stream ends it too.
import * as vscode from 'vscode';
import { WavError } from '../../core/vurbo/wav';
import type { ConnectionSource } from '../shared/connection';
import { showError } from '../shared/errors';
import type { Log } from '../shared/log';
import type { StreamRegistry, TranscriptOutputFactory } from '../shared/streams';
import { LiveRun } from './liveRun';
import { askLiveStart } from './startWizard';

export interface LiveDeps {
  connections: ConnectionSource;
  streams: StreamRegistry;
  outputs: TranscriptOutputFactory;
  log: Log;
}

const CONTEXT_KEY = 'speechApi.vurbo.liveSession';

export function registerLive(context: vscode.ExtensionContext, deps: LiveDeps): void {
  let current: LiveRun | undefined;
  const setContext = () => void vscode.commands.executeCommand('setContext', CONTEXT_KEY, current ? (current.state === 'paused' ? 'paused' : 'running') : undefined);

  const run = (what: string, fn: (...args: unknown[]) => Promise<unknown>) => async (...args: unknown[]) => {
    try {
      await fn(...args);
    } catch (e) {
      if (e instanceof WavError) {
        deps.log.warn(`${what}: ${e.message}`);
        await vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', what, e.message));
        return;
      }
      deps.log.error(what, e);
      await showError(what, e);
    }
  };

  const active = (): LiveRun | undefined => {
    if (!current) void vscode.window.showInformationMessage(vscode.l10n.t('No live session is running. Start one with "Speech API: Start Live Session…".'));
    return current;
  };

  const start = async (fileArg?: unknown) => {
    if (current) {
      const stopAndStart = vscode.l10n.t('Stop and Start New');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('A live session is running ({0}). Stop it and start another?', current.label), { modal: true }, stopAndStart);
      if (choice !== stopAndStart) return;
      current.stop();
    }
    const conn = await deps.connections.connect('vurbo');
    const request = await askLiveStart(conn, context.globalState, fileArg instanceof vscode.Uri ? fileArg : undefined);
    if (!request) return;
    const liveRun = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting live session…'), cancellable: false },
      () =>
        LiveRun.start(conn, request, deps, (ended, outcome) => {
          if (current === ended) current = undefined;
          setContext();
          deps.log.info(`Live session ${outcome.state}: ${outcome.finalSentences} sentences${outcome.taskId ? `, task ${outcome.taskId}` : ''}${outcome.error ? ` — ${outcome.error.message}` : ''}`);
          void ended.reportEnd(outcome);
        }),
    );
    if (liveRun.state !== 'failed' && liveRun.state !== 'cancelled') current = liveRun;
    context.subscriptions.push(liveRun);
    setContext();
  };

  const menu = async () => {
    const r = active();
    if (!r) return;
    type Item = vscode.QuickPickItem & { act: () => void };
    const items: Item[] = [];
    if (r.state === 'paused') items.push({ label: `$(debug-continue) ${vscode.l10n.t('Resume')}`, detail: vscode.l10n.t('Continue sending audio.'), act: () => r.resume() });
    else if (r.state === 'live') items.push({ label: `$(debug-pause) ${vscode.l10n.t('Pause')}`, detail: vscode.l10n.t('Hold the audio; the session stays open.'), act: () => r.pause() });
    items.push({ label: `$(debug-stop) ${vscode.l10n.t('Stop')}`, detail: vscode.l10n.t('End the recording here; the task is processed and summarised.'), act: () => r.stop() });
    if (r.broadcast) {
      items.push({ label: `$(broadcast) ${vscode.l10n.t('Go Live')}`, detail: vscode.l10n.t('Move the broadcast from standby to live.'), act: () => r.session.goLive() });
      items.push({
        label: `$(megaphone) ${vscode.l10n.t('Send Announcement…')}`,
        detail: vscode.l10n.t('A message every viewer sees.'),
        act: () =>
          void vscode.window.showInputBox({ title: vscode.l10n.t('Announcement to viewers'), ignoreFocusOut: true }).then((m) => m && r.session.announce(m)),
      });
    }
    items.push({ label: `$(output) ${vscode.l10n.t('Show Transcript')}`, act: () => r.showOutput() });
    const pick = await vscode.window.showQuickPick(items, { title: r.label, placeHolder: vscode.l10n.t('Live session — {0}', r.state) });
    pick?.act();
    setContext();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('speechApi.vurbo.startLiveSession', run(vscode.l10n.t('Start live session'), start)),
    vscode.commands.registerCommand('speechApi.vurbo.pauseLiveSession', () => {
      active()?.pause();
      setContext();
    }),
    vscode.commands.registerCommand('speechApi.vurbo.resumeLiveSession', () => {
      active()?.resume();
      setContext();
    }),
    vscode.commands.registerCommand('speechApi.vurbo.stopLiveSession', () => active()?.stop()),
    vscode.commands.registerCommand('speechApi.vurbo.liveSessionMenu', run(vscode.l10n.t('Live session'), menu)),
  );
}
