// Broadcasts: the host's tree (create, copy link, revoke) and watching any broadcast as a viewer.
import * as vscode from 'vscode';
import { createBroadcast, revokeBroadcast, revokeBroadcasts, type Broadcast } from '../../core/vurbo/broadcasts';
import type { ConnectionSource } from '../shared/connection';
import { showError } from '../shared/errors';
import { pickLanguages } from '../shared/languagePick';
import type { Log } from '../shared/log';
import type { StreamRegistry, TranscriptOutputFactory } from '../shared/streams';
import { BroadcastItem, BroadcastTree, stateOf } from './tree';
import { watchBroadcast } from './watch';

export interface BroadcastDeps {
  connections: ConnectionSource;
  streams: StreamRegistry;
  outputs: TranscriptOutputFactory;
  log: Log;
}

export function registerBroadcasts(context: vscode.ExtensionContext, deps: BroadcastDeps): void {
  const tree = new BroadcastTree(deps.connections, deps.log);
  const run = (what: string, fn: (...args: never[]) => Promise<unknown>) => async (...args: never[]) => {
    try {
      await fn(...args);
    } catch (e) {
      deps.log.error(what, e);
      await showError(what, e);
    }
  };

  /** The broadcast a command acts on: the clicked item, else one picked from the list. */
  const target = async (item: BroadcastItem | undefined, title: string): Promise<Broadcast | undefined> => {
    if (item instanceof BroadcastItem) return item.broadcast;
    await tree.getChildren();
    const pick = await vscode.window.showQuickPick(
      tree.broadcasts.map((b) => ({ label: b.name, description: `${b.token} · ${stateOf(b)}`, detail: b.shareUrl, b })),
      { title, placeHolder: tree.broadcasts.length ? 'Which broadcast?' : 'You have no broadcasts' },
    );
    return pick?.b;
  };

  const create = async () => {
    const conn = await deps.connections.connect('vurbo');
    const name = await vscode.window.showInputBox({
      title: 'Create Broadcast (1/4): name',
      value: `Broadcast ${new Date().toLocaleDateString()}`,
      validateInput: (v) => (v.trim().length > 100 ? 'At most 100 characters.' : /[\x00-\x1f\x7f]/.test(v) ? 'No control characters.' : undefined),
      ignoreFocusOut: true,
    });
    if (name === undefined) return;
    const spoken = await pickLanguages({ title: 'Create Broadcast (2/4): spoken language', many: false, preselect: ['en-US'] });
    if (!spoken) return;
    const translations = await pickLanguages({ title: 'Create Broadcast (3/4): caption translations for viewers (none is fine)', many: true, allowNone: true, exclude: spoken, preselect: [] });
    if (!translations) return;
    const access = await vscode.window.showQuickPick(
      [
        { label: 'Public', detail: 'Anyone with the share link can watch.', value: 'public' as const },
        { label: 'Password-protected', detail: 'Viewers enter a password you choose.', value: 'password' as const },
      ],
      { title: 'Create Broadcast (4/4): who can watch?', ignoreFocusOut: true },
    );
    if (!access) return;
    let passCode: string | undefined;
    if (access.value === 'password') {
      passCode = await vscode.window.showInputBox({
        title: 'Viewer password',
        prompt: 'Viewers type this to watch. You can read it again in the broadcast\'s tooltip.',
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.length < 4 ? 'At least 4 characters.' : v.length > 64 ? 'At most 64 characters.' : undefined),
      });
      if (passCode === undefined) return;
    }
    const b = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Creating broadcast…' }, () =>
      createBroadcast(conn, { name: name.trim() || undefined, transcriptionLanguage: spoken[0], translationLanguages: translations, accessType: access.value, passCode }),
    );
    await vscode.env.clipboard.writeText(b.shareUrl);
    deps.log.info(`Created broadcast ${b.name} (${b.token}).`);
    tree.refresh();
    const choice = await vscode.window.showInformationMessage(
      `Broadcast "${b.name}" created. Share link copied to the clipboard: ${b.shareUrl}. Host it with "Start Live Session…" → Broadcast.`,
      'Host It Now',
      'Watch',
    );
    if (choice === 'Host It Now') await vscode.commands.executeCommand('speechApi.vurbo.startLiveSession');
    else if (choice === 'Watch') await watchBroadcast(deps, { token: b.token, origin: new URL(b.shareUrl || conn.baseUrl).origin }, b.accessType === 'password' ? b.passCode : undefined);
  };

  const revoke = async (item?: BroadcastItem, selected?: BroadcastItem[]) => {
    const many = (selected ?? []).filter((i) => i instanceof BroadcastItem).map((i) => i.broadcast);
    const chosen = many.length > 1 ? many : [await target(item, 'Revoke Broadcast')].filter((b): b is Broadcast => !!b);
    if (chosen.length === 0) return;
    const live = chosen.filter((b) => stateOf(b) === 'live' || stateOf(b) === 'standby').length;
    const what = chosen.length === 1 ? `"${chosen[0].name}" (${chosen[0].token})` : `${chosen.length} broadcasts`;
    const answer = await vscode.window.showWarningMessage(
      `Revoke ${what}?`,
      { modal: true, detail: `The share link${chosen.length === 1 ? '' : 's'} stop${chosen.length === 1 ? 's' : ''} working at once${live ? ' and current viewers are disconnected' : ''}. This cannot be undone.` },
      'Revoke',
    );
    if (answer !== 'Revoke') return;
    const conn = await deps.connections.connect('vurbo');
    if (chosen.length === 1) await revokeBroadcast(conn, chosen[0].id);
    else await revokeBroadcasts(conn, chosen.map((b) => b.id));
    deps.log.info(`Revoked ${what}.`);
    tree.refresh();
    void vscode.window.showInformationMessage(`Revoked ${what}.`);
  };

  const copyLink = async (item?: BroadcastItem) => {
    const b = await target(item, 'Copy Share Link');
    if (!b) return;
    await vscode.env.clipboard.writeText(b.shareUrl);
    void vscode.window.showInformationMessage(`Share link of "${b.name}" copied: ${b.shareUrl}`);
  };

  const watch = async (arg?: BroadcastItem | string) => {
    if (arg instanceof BroadcastItem) {
      const b = arg.broadcast;
      return watchBroadcast(deps, { token: b.token, origin: b.shareUrl ? new URL(b.shareUrl).origin : undefined }, b.passCode);
    }
    return watchBroadcast(deps, typeof arg === 'string' ? arg : undefined);
  };

  context.subscriptions.push(
    tree,
    vscode.commands.registerCommand('speechApi.vurbo.createBroadcast', run('Create broadcast', create)),
    vscode.commands.registerCommand('speechApi.vurbo.revokeBroadcast', run('Revoke broadcast', revoke)),
    vscode.commands.registerCommand('speechApi.vurbo.watchBroadcast', run('Watch broadcast', watch)),
    vscode.commands.registerCommand('speechApi.vurbo.copyBroadcastLink', run('Copy share link', copyLink)),
    vscode.commands.registerCommand('speechApi.vurbo.refreshBroadcasts', () => tree.refresh()),
    vscode.commands.registerCommand('speechApi.vurbo.loadMoreBroadcasts', run('Load broadcasts', () => tree.loadMore())),
  );
}
