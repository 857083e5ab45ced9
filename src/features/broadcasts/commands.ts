// The broadcast commands: create (a four-step wizard), revoke (one or the multi-selection), copy
// the share link, watch (any broadcast, as a viewer), refresh and page.
import * as vscode from 'vscode';
import type { Broadcast } from '../../core/vurbo/broadcasts';
import { COMMAND } from '../shared/commandIds';
import type { Commands } from '../shared/commands';
import type { FeatureDeps } from '../shared/feature';
import { pickLanguages } from '../shared/languagePick';
import { showNotice } from '../shared/notice';
import { resolveTargets, type TargetSource } from '../shared/targets';
import type { BroadcastsModel } from './model';
import { isRunning, stateOf } from './presentation';
import { broadcastOfNode } from './tree';
import { watchBroadcast } from './watch';

/** What broadcasts need from other features, wired in extension.ts. */
export interface BroadcastLinks {
  /** Starts hosting `broadcast`: the live feature's start wizard, which then does not ask which. */
  startLiveSession(broadcast: Broadcast): Promise<void>;
}

export type BroadcastCommandDeps = FeatureDeps & BroadcastLinks & { readonly model: BroadcastsModel };

export class BroadcastCommands {
  constructor(private readonly deps: BroadcastCommandDeps) {}

  register(commands: Commands): vscode.Disposable[] {
    return [
      commands.register(COMMAND.broadcasts.create, vscode.l10n.t('Create broadcast'), () => this.create()),
      commands.register(COMMAND.broadcasts.revoke, vscode.l10n.t('Revoke broadcast'), (...a: unknown[]) => this.revoke(...a)),
      commands.register(COMMAND.broadcasts.watch, vscode.l10n.t('Watch broadcast'), (arg?: unknown) => this.watch(arg)),
      commands.register(COMMAND.broadcasts.copyLink, vscode.l10n.t('Copy share link'), (...a: unknown[]) => this.copyLink(...a)),
      commands.register(COMMAND.broadcasts.copyPassword, vscode.l10n.t('Copy viewer password'), (...a: unknown[]) => this.copyPassword(...a)),
      commands.register(COMMAND.broadcasts.refresh, vscode.l10n.t('Refresh broadcasts'), () => this.deps.model.refresh()),
      commands.register(COMMAND.broadcasts.loadMore, vscode.l10n.t('Load broadcasts'), () => this.deps.model.loadMore()),
    ];
  }

  private readonly targets: TargetSource<Broadcast> = {
    fromNode: broadcastOfNode,
    byId: async (token) => {
      if (this.deps.model.state.kind !== 'loaded') await this.deps.model.refresh();
      return this.deps.model.broadcasts.find((b) => b.token === token || b.id === token);
    },
    candidates: async () => {
      if (this.deps.model.state.kind !== 'loaded') await this.deps.model.refresh();
      return this.deps.model.broadcasts;
    },
    toPickItem: (b) => ({ label: b.name, description: vscode.l10n.t('{0} · {1}', b.token, stateOf(b)), detail: b.shareUrl }),
    get noneFits() {
      return vscode.l10n.t('You have no broadcasts. Create one with "Speech API: Create Broadcast…".');
    },
  };

  async create(): Promise<void> {
    const api = await this.deps.model.api();
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Create Broadcast (1/4): name'),
      value: vscode.l10n.t('Broadcast {0}', new Date().toLocaleDateString()),
      validateInput: (v) =>
        v.trim().length > 100 ? vscode.l10n.t('At most 100 characters.') : /[\x00-\x1f\x7f]/.test(v) ? vscode.l10n.t('No control characters.') : undefined,
      ignoreFocusOut: true,
    });
    if (name === undefined) return;
    const spoken = await pickLanguages({ title: vscode.l10n.t('Create Broadcast (2/4): spoken language'), many: false, preselect: ['en-US'] });
    if (!spoken) return;
    const translations = await pickLanguages({
      title: vscode.l10n.t('Create Broadcast (3/4): caption translations for viewers (none is fine)'),
      many: true,
      allowNone: true,
      exclude: spoken,
      preselect: [],
    });
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
        prompt: vscode.l10n.t('Viewers type this to watch. "Copy Viewer Password" on the broadcast copies it again.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.length < 4 ? vscode.l10n.t('At least 4 characters.') : v.length > 64 ? vscode.l10n.t('At most 64 characters.') : undefined),
      });
      if (passCode === undefined) return;
    }
    const b = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating broadcast…') }, () =>
      api.create({ name: name.trim() || undefined, transcriptionLanguage: spoken[0], translationLanguages: translations, accessType: access.value, passCode }),
    );
    if (api.client.lastRequest) this.deps.model.lastRequests.set(b.id, api.client.lastRequest);
    await vscode.env.clipboard.writeText(b.shareUrl);
    this.deps.log.info(`Created broadcast ${b.name} (${b.token}).`);
    void this.deps.model.refresh();
    await showNotice(
      'info',
      vscode.l10n.t('Broadcast "{0}" created. Share link copied to the clipboard: {1}. Host it with "Start Live Session…" → Broadcast.', b.name, b.shareUrl),
      [
        { label: vscode.l10n.t('Host It Now'), run: () => this.deps.startLiveSession(b) },
        {
          label: vscode.l10n.t('Watch'),
          run: () =>
            watchBroadcast(
              this.deps,
              { token: b.token, origin: new URL(b.shareUrl || api.client.baseUrl).origin },
              b.accessType === 'password' ? b.passCode : undefined,
            ),
        },
      ],
    );
  }

  async revoke(...args: unknown[]): Promise<void> {
    const chosen = await resolveTargets(this.targets, args, { title: vscode.l10n.t('Revoke Broadcast'), many: true });
    if (chosen.length === 0) return;
    const live = chosen.filter(isRunning).length;
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
    const api = await this.deps.model.api();
    const ids = chosen.map((b) => b.id);
    await this.deps.model.record(api, ids, async () => void (ids.length === 1 ? await api.revoke(ids[0]) : await api.revokeMany(ids)));
    this.deps.log.info(`Revoked ${what}.`);
    void this.deps.model.refresh();
    void vscode.window.showInformationMessage(vscode.l10n.t('Revoked {0}.', shown));
  }

  async copyLink(...args: unknown[]): Promise<void> {
    const [b] = await resolveTargets(this.targets, args, { title: vscode.l10n.t('Copy Share Link') });
    if (!b) return;
    await vscode.env.clipboard.writeText(b.shareUrl);
    void vscode.window.showInformationMessage(vscode.l10n.t('Share link of "{0}" copied: {1}', b.name, b.shareUrl));
  }

  /** The password stays out of sight (the tooltip masks it); this puts it on the clipboard. */
  async copyPassword(...args: unknown[]): Promise<void> {
    const [b] = await resolveTargets(this.targets, args, { title: vscode.l10n.t('Copy Viewer Password'), filter: (x) => x.accessType === 'password' });
    if (!b) return;
    if (!b.passCode) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Vurbo did not return the password of "{0}". Set a new one in the Vurbo dashboard.', b.name));
      return;
    }
    await vscode.env.clipboard.writeText(b.passCode);
    void vscode.window.showInformationMessage(vscode.l10n.t('Viewer password of "{0}" copied.', b.name));
  }

  async watch(arg?: unknown): Promise<void> {
    const b = broadcastOfNode(arg);
    if (b) {
      return watchBroadcast(this.deps, { token: b.token, origin: b.shareUrl ? new URL(b.shareUrl).origin : undefined }, b.passCode);
    }
    return watchBroadcast(this.deps, typeof arg === 'string' ? arg : undefined);
  }
}
