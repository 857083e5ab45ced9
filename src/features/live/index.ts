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
        await vscode.window.showErrorMessage(`${what}: ${e.message}`);
        return;
      }
      deps.log.error(what, e);
      await showError(what, e);
    }
  };

  const active = (): LiveRun | undefined => {
    if (!current) void vscode.window.showInformationMessage('No live session is running. Start one with "Speech API: Start Live Session…".');
    return current;
  };

  const start = async (fileArg?: unknown) => {
    if (current) {
      const choice = await vscode.window.showWarningMessage(`A live session is running (${current.label}). Stop it and start another?`, { modal: true }, 'Stop and Start New');
      if (choice !== 'Stop and Start New') return;
      current.stop();
    }
    const conn = await deps.connections.connect('vurbo');
    const request = await askLiveStart(conn, context.globalState, fileArg instanceof vscode.Uri ? fileArg : undefined);
    if (!request) return;
    const liveRun = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Starting live session…', cancellable: false },
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
    if (r.state === 'paused') items.push({ label: '$(debug-continue) Resume', detail: 'Continue sending audio.', act: () => r.resume() });
    else if (r.state === 'live') items.push({ label: '$(debug-pause) Pause', detail: 'Hold the audio; the session stays open.', act: () => r.pause() });
    items.push({ label: '$(debug-stop) Stop', detail: 'End the recording here; the task is processed and summarised.', act: () => r.stop() });
    if (r.broadcast) {
      items.push({ label: '$(broadcast) Go Live', detail: 'Move the broadcast from standby to live.', act: () => r.session.goLive() });
      items.push({
        label: '$(megaphone) Send Announcement…',
        detail: 'A message every viewer sees.',
        act: () =>
          void vscode.window.showInputBox({ title: 'Announcement to viewers', ignoreFocusOut: true }).then((m) => m && r.session.announce(m)),
      });
    }
    items.push({ label: '$(output) Show Transcript', act: () => r.showOutput() });
    const pick = await vscode.window.showQuickPick(items, { title: r.label, placeHolder: `Live session — ${r.state}` });
    pick?.act();
    setContext();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('speechApi.vurbo.startLiveSession', run('Start live session', start)),
    vscode.commands.registerCommand('speechApi.vurbo.pauseLiveSession', () => {
      active()?.pause();
      setContext();
    }),
    vscode.commands.registerCommand('speechApi.vurbo.resumeLiveSession', () => {
      active()?.resume();
      setContext();
    }),
    vscode.commands.registerCommand('speechApi.vurbo.stopLiveSession', () => active()?.stop()),
    vscode.commands.registerCommand('speechApi.vurbo.liveSessionMenu', run('Live session', menu)),
  );
}
