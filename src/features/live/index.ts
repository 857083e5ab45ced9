// Live sessions: start (from a WAV file), pause, resume and stop, and the status-bar menu. One
// session runs at a time; it also shows in the running-streams item, so Stop Stream ends it too.
import * as vscode from 'vscode';
import type { Broadcast } from '../../core/vurbo/broadcasts';
import type { FeatureDeps } from '../shared/feature';
import { LiveCommands, type LiveLinks } from './commands';
import { LiveSessions } from './model';

export interface LiveApi {
  /** The start wizard, guarded like a command; with a broadcast, it hosts that one (the broadcasts feature's "Host It Now"). */
  start(broadcast?: Broadcast): Promise<void>;
}

export function registerLive(context: vscode.ExtensionContext, deps: FeatureDeps & LiveLinks): LiveApi {
  const sessions = new LiveSessions();
  const commands = new LiveCommands(sessions, deps);
  context.subscriptions.push(sessions, ...commands.register(deps.commands));
  return { start: deps.commands.guard(vscode.l10n.t('Start live session'), (broadcast?: Broadcast) => commands.start({ broadcast })) };
}
