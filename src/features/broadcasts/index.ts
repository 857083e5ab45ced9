// Broadcasts: the host's tree (create, copy link, revoke) and watching any broadcast as a viewer.
import * as vscode from 'vscode';
import type { Broadcast } from '../../core/vurbo/broadcasts';
import { BroadcastsApi } from '../../core/vurbo/broadcastsApi';
import { VurboClient } from '../../core/vurbo/client';
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
      tree.broadcasts.map((b) => ({ label: b.name, description: vscode.l10n.t('{0} · {1}', b.token, stateOf(b)), detail: b.shareUrl, b })),
      { title, placeHolder: tree.broadcasts.length ? vscode.l10n.t('Which broadcast?') : vscode.l10n.t('You have no broadcasts') },
    );
    return pick?.b;
  };

  const create = async () => {
    const conn = await deps.connections.connect('vurbo');
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Create Broadcast (1/4): name'),
      value: vscode.l10n.t('Broadcast {0}', new Date().toLocaleDateString()),
      validateInput: (v) => (v.trim().length > 100 ? vscode.l10n.t('At most 100 characters.') : /[\x00-\x1f\x7f]/.test(v) ? vscode.l10n.t('No control characters.') : undefined),
      ignoreFocusOut: true,
    });
    if (name === undefined) return;
    const spoken = await pickLanguages({ title: vscode.l10n.t('Create Broadcast (2/4): spoken language'), many: false, preselect: ['en-US'] });
    if (!spoken) return;
    const translations = await pickLanguages({ title: vscode.l10n.t('Create Broadcast (3/4): caption translations for viewers (none is fine)'), many: true, allowNone: true, exclude: spoken, preselect: [] });
    if (!translations) return;
    const access = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('Public'), detail: vscode.l10n.t('Anyone with the share link can watch.'), value: 'public' as const },
        { label: vscode.l10n.t('Password-protected'), detail: vscode.l10n.t('Viewers enter a password you choose.'), value: 'password' as const },
      ],
      { title: vscode.l10n.t('Create Broadcast (4/4): who can watch?'), ignoreFocusOut: true },
    );
    if (!access) return;
    let passCode: string | undefined;
    if (access.value === 'password') {
      passCode = await vscode.window.showInputBox({
        title: vscode.l10n.t('Viewer password'),
        prompt: vscode.l10n.t('Viewers type this to watch. You can read it again in the broadcast\'s tooltip.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.length < 4 ? vscode.l10n.t('At least 4 characters.') : v.length > 64 ? vscode.l10n.t('At most 64 characters.') : undefined),
      });
      if (passCode === undefined) return;
    }
    const b = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating broadcast…') }, () =>
      new BroadcastsApi(new VurboClient(conn)).create({ name: name.trim() || undefined, transcriptionLanguage: spoken[0], translationLanguages: translations, accessType: access.value, passCode }),
    );
    await vscode.env.clipboard.writeText(b.shareUrl);
    deps.log.info(`Created broadcast ${b.name} (${b.token}).`);
    tree.refresh();
    const hostNow = vscode.l10n.t('Host It Now');
    const watchIt = vscode.l10n.t('Watch');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Broadcast "{0}" created. Share link copied to the clipboard: {1}. Host it with "Start Live Session…" → Broadcast.', b.name, b.shareUrl),
      hostNow,
      watchIt,
    );
    if (choice === hostNow) await vscode.commands.executeCommand('speechApi.vurbo.startLiveSession');
    else if (choice === watchIt) await watchBroadcast(deps, { token: b.token, origin: new URL(b.shareUrl || conn.baseUrl).origin }, b.accessType === 'password' ? b.passCode : undefined);
  };

  const revoke = async (item?: BroadcastItem, selected?: BroadcastItem[]) => {
    const many = (selected ?? []).filter((i) => i instanceof BroadcastItem).map((i) => i.broadcast);
    const chosen = many.length > 1 ? many : [await target(item, vscode.l10n.t('Revoke Broadcast'))].filter((b): b is Broadcast => !!b);
    if (chosen.length === 0) return;
    const live = chosen.filter((b) => stateOf(b) === 'live' || stateOf(b) === 'standby').length;
    const what = chosen.length === 1 ? `"${chosen[0].name}" (${chosen[0].token})` : `${chosen.length} broadcasts`;
    const shown = chosen.length === 1 ? vscode.l10n.t('"{0}" ({1})', chosen[0].name, chosen[0].token) : vscode.l10n.t('{0} broadcasts', chosen.length);
    const revokeButton = vscode.l10n.t('Revoke');
    const detail =
      chosen.length === 1
        ? live
          ? vscode.l10n.t('The share link stops working at once and current viewers are disconnected. This cannot be undone.')
          : vscode.l10n.t('The share link stops working at once. This cannot be undone.')
        : live
          ? vscode.l10n.t('The share links stop working at once and current viewers are disconnected. This cannot be undone.')
          : vscode.l10n.t('The share links stop working at once. This cannot be undone.');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Revoke {0}?', shown), { modal: true, detail }, revokeButton);
    if (answer !== revokeButton) return;
    const conn = await deps.connections.connect('vurbo');
    const api = new BroadcastsApi(new VurboClient(conn));
    if (chosen.length === 1) await api.revoke(chosen[0].id);
    else await api.revokeMany(chosen.map((b) => b.id));
    deps.log.info(`Revoked ${what}.`);
    tree.refresh();
    void vscode.window.showInformationMessage(vscode.l10n.t('Revoked {0}.', shown));
  };

  const copyLink = async (item?: BroadcastItem) => {
    const b = await target(item, vscode.l10n.t('Copy Share Link'));
    if (!b) return;
    await vscode.env.clipboard.writeText(b.shareUrl);
    void vscode.window.showInformationMessage(vscode.l10n.t('Share link of "{0}" copied: {1}', b.name, b.shareUrl));
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
    vscode.commands.registerCommand('speechApi.vurbo.createBroadcast', run(vscode.l10n.t('Create broadcast'), create)),
    vscode.commands.registerCommand('speechApi.vurbo.revokeBroadcast', run(vscode.l10n.t('Revoke broadcast'), revoke)),
    vscode.commands.registerCommand('speechApi.vurbo.watchBroadcast', run(vscode.l10n.t('Watch broadcast'), watch)),
    vscode.commands.registerCommand('speechApi.vurbo.copyBroadcastLink', run(vscode.l10n.t('Copy share link'), copyLink)),
    vscode.commands.registerCommand('speechApi.vurbo.refreshBroadcasts', () => tree.refresh()),
    vscode.commands.registerCommand('speechApi.vurbo.loadMoreBroadcasts', run(vscode.l10n.t('Load broadcasts'), () => tree.loadMore())),
  );
}
