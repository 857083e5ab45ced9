// Set, test, clear and import API keys. Keys are typed into password boxes and go straight to
// SecretStorage; nothing here ever prints a key.
import * as vscode from 'vscode';
import { probeKey } from '../../core/probe';
import { PROVIDER_IDS, PROVIDERS, VURBO_KEY_PATTERN, type ProviderId } from '../../core/providers';
import { COMMAND } from '../shared/commandIds';
import type { Commands } from '../shared/commands';
import type { ConnectionSource } from '../shared/connection';
import type { Log } from '../shared/log';
import { confirmedBase } from '../shared/hosts';
import { showNotice } from '../shared/notice';
import { withCancellableProgress } from '../shared/progress';
import type { KeyRef, KeyStore } from './keyStore';
import type { WorkspaceHosts } from './workspaceHosts';

/** Why a typed key is not acceptable, or undefined when it is. */
export function validateKey(provider: ProviderId, value: string): string | undefined {
  const v = value.trim();
  if (!v) return vscode.l10n.t('Paste the API key.');
  if (/\s/.test(v)) return vscode.l10n.t('An API key has no spaces or line breaks.');
  if (provider === 'vurbo' && !VURBO_KEY_PATTERN.test(v)) {
    if (!v.startsWith('vas_')) return vscode.l10n.t('A Vurbo key starts with "{0}".', 'vas_');
    const rest = v.length - 4;
    if (/[^A-Za-z0-9]/.test(v.slice(4))) return vscode.l10n.t('After "{0}" a Vurbo key has only letters and digits.', 'vas_');
    return vscode.l10n.t('After "{0}" a Vurbo key has exactly 32 letters and digits (this one has {1}).', 'vas_', rest);
  }
  if (provider === 'valossa' && v.length < 8) return vscode.l10n.t('That is too short to be a Valossa API key.');
  return undefined;
}

export class KeyCommands {
  constructor(
    private readonly store: KeyStore,
    private readonly hosts: WorkspaceHosts,
    private readonly log: Log,
    /** Late-bound: the connections ask this class for a missing key. */
    private readonly connections: () => ConnectionSource,
  ) {}

  register(commands: Commands): vscode.Disposable[] {
    return [
      commands.register(COMMAND.keys.setKey, vscode.l10n.t('Set API key'), (p?: ProviderId) => this.setKey(p)),
      commands.register(COMMAND.keys.clearKey, vscode.l10n.t('Clear API key'), (p?: ProviderId) => this.clearKey(p)),
      commands.register(COMMAND.keys.testKey, vscode.l10n.t('Test API key'), (p?: ProviderId) => this.testKey(p)),
      commands.register(COMMAND.keys.importKeyFromEnv, vscode.l10n.t('Import API key'), (p?: ProviderId) => this.importFromEnv(p)),
      commands.register(COMMAND.keys.reviewWorkspaceHost, vscode.l10n.t('Review host'), (p?: ProviderId) => this.reviewHost(p)),
      commands.register(COMMAND.keys.forgetWorkspaceHosts, vscode.l10n.t('Forget host answers'), () => this.forgetHosts()),
    ];
  }

  private async pickProvider(title: string): Promise<ProviderId | undefined> {
    const items = PROVIDER_IDS.map((id) => ({ label: PROVIDERS[id].label, description: this.hosts.describe(this.hosts.current(id)), id }));
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Which API?') });
    return picked?.id;
  }

  private async providerArg(arg: ProviderId | undefined, title: string): Promise<ProviderId | undefined> {
    return arg && PROVIDER_IDS.includes(arg) ? arg : this.pickProvider(title);
  }

  /** Prompts for a key for the provider's configured origin. Returns true when one was stored. */
  async setKey(providerArg?: ProviderId, originArg?: string): Promise<boolean> {
    const provider = await this.providerArg(providerArg, vscode.l10n.t('Set API Key'));
    if (!provider) return false;
    // An origin given by the caller was confirmed there (connect() asks before it offers this box).
    const origin = originArg ?? (await confirmedBase(this.hosts, provider))?.origin;
    if (!origin) return false;
    const host = this.hosts.current(provider);
    const info = PROVIDERS[provider];
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('{0} API key for {1}', info.label, origin),
      prompt: vscode.l10n.t(
        "Stored in VS Code's secret storage and sent only to {0}.",
        host.base.ok && host.base.origin === origin ? this.hosts.describe(host) : origin,
      ),
      placeHolder:
        provider === 'vurbo'
          ? vscode.l10n.t('{0} followed by 32 letters and digits', 'vas_')
          : vscode.l10n.t('Valossa API key from Portal → My Account → Subscriptions and API Keys'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => validateKey(provider, v),
    });
    if (value === undefined) return false;
    const stored = await this.store.get({ provider, origin });
    if (stored === value.trim()) {
      void vscode.window.showInformationMessage(vscode.l10n.t('That {0} key is already the one stored for {1}.', info.label, origin));
      return true;
    }
    if (stored !== undefined) {
      const replace = vscode.l10n.t('Replace Key');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('A {0} key is already stored for {1}. Replace it?', info.label, origin),
        { modal: true, detail: vscode.l10n.t('The stored key is removed from secret storage; requests to {0} use the new key from now on.', origin) },
        replace,
      );
      if (answer !== replace) return false;
    }
    await this.store.set({ provider, origin }, value.trim());
    this.log.info(`Stored a ${info.label} key for ${origin}.`);
    void showNotice('info', vscode.l10n.t('{0} key saved for {1}.', info.label, origin), [
      { label: vscode.l10n.t('Test Key'), run: () => void this.testKey(provider).catch((e: unknown) => this.log.error(vscode.l10n.t('Test API key'), e)) },
    ]);
    return true;
  }

  async clearKey(providerArg?: ProviderId): Promise<void> {
    const refs = this.store.list().filter((r) => !providerArg || r.provider === providerArg);
    if (refs.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No API keys are stored.'));
      return;
    }
    const items: (vscode.QuickPickItem & { refs: KeyRef[] })[] = refs.map((r) => ({ label: PROVIDERS[r.provider].label, description: r.origin, refs: [r] }));
    if (refs.length > 1) items.push({ label: vscode.l10n.t('All stored keys'), description: vscode.l10n.t('{0} keys', refs.length), refs });
    const picked =
      refs.length === 1
        ? items[0]
        : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Clear API Key'), placeHolder: vscode.l10n.t('Which key should be removed?') });
    if (!picked) return;
    const what =
      picked.refs.length === 1
        ? vscode.l10n.t('the {0} key for {1}', picked.label, picked.description ?? '')
        : vscode.l10n.t('all {0} stored keys', picked.refs.length);
    const remove = vscode.l10n.t('Remove');
    const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Remove {0} from secret storage?', what), { modal: true }, remove);
    if (ok !== remove) return;
    for (const ref of picked.refs) await this.store.delete(ref);
    void vscode.window.showInformationMessage(vscode.l10n.t('Removed {0}.', what));
  }

  async testKey(providerArg?: ProviderId): Promise<void> {
    const provider = await this.providerArg(providerArg, vscode.l10n.t('Test API Key'));
    if (!provider) return;
    const base = await confirmedBase(this.hosts, provider);
    if (!base) return;
    const info = PROVIDERS[provider];
    // The host is confirmed now, so this asks nothing: it finds the key or says none is stored.
    const connection = await this.connections().connect(provider, { interactive: false });
    const result = await withCancellableProgress(vscode.l10n.t('Testing the {0} key for {1}…', info.label, base.origin), (signal) =>
      probeKey(provider, connection.http, connection.baseUrl, connection.key, signal),
    );
    this.log.info(`${info.label} key for ${base.origin} works: ${result.summary}.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} key for {1} works ({2}).', info.label, base.origin, result.summary));
  }

  async importFromEnv(providerArg?: ProviderId): Promise<void> {
    const candidates = PROVIDER_IDS.filter((p) => !providerArg || p === providerArg).filter((p) => process.env[PROVIDERS[p].keyEnvVar]);
    if (candidates.length === 0) {
      const message = providerArg
        ? vscode.l10n.t(
            '{0} is not set in the environment VS Code was started from. Set it and restart VS Code, or use "Set API Key".',
            PROVIDERS[providerArg].keyEnvVar,
          )
        : vscode.l10n.t(
            'Neither {0} nor {1} is set in the environment VS Code was started from. Set one and restart VS Code, or use "Set API Key".',
            PROVIDERS.vurbo.keyEnvVar,
            PROVIDERS.valossa.keyEnvVar,
          );
      await showNotice('warning', message, [{ label: vscode.l10n.t('Set API Key'), run: () => this.setKey(providerArg) }]);
      return;
    }
    const imported: string[] = [];
    for (const provider of candidates) {
      const info = PROVIDERS[provider];
      const value = (process.env[info.keyEnvVar] ?? '').trim();
      const problem = validateKey(provider, value);
      if (problem) {
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} does not hold a usable {1} key: {2}', info.keyEnvVar, info.label, problem));
        continue;
      }
      const confirmed = await confirmedBase(this.hosts, provider);
      if (!confirmed) continue;
      await this.store.set({ provider, origin: confirmed.origin }, value);
      imported.push(`${info.keyEnvVar} → ${info.label}, ${this.hosts.describe(confirmed.host)}`);
    }
    if (imported.length) {
      this.log.info(`Imported ${imported.join(', ')}.`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Imported {0}.', imported.join(', ')));
    }
  }

  /** Asks again about the workspace-named host of a provider (the views' "Review Host…"). */
  async reviewHost(providerArg?: ProviderId): Promise<void> {
    const provider = await this.providerArg(providerArg, vscode.l10n.t('Review Host'));
    if (!provider) return;
    const host = this.hosts.current(provider);
    if (!host.unconfirmed) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} uses {1}.', PROVIDERS[provider].label, this.hosts.describe(host)));
      return;
    }
    const answered = await this.hosts.confirm(provider);
    if (answered) void vscode.window.showInformationMessage(vscode.l10n.t('{0} now uses {1}.', PROVIDERS[provider].label, this.hosts.describe(answered)));
  }

  /** Revokes remembered answers about workspace-named hosts, so the next key use asks again. */
  async forgetHosts(): Promise<void> {
    const decisions = this.hosts.decisions();
    if (!decisions.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No answers about hosts named by workspace settings are remembered.'));
      return;
    }
    const items = decisions.map((d) => ({
      label: `${PROVIDERS[d.provider].label}: ${d.origin}`,
      description: d.decision === 'use' ? vscode.l10n.t('used') : vscode.l10n.t('default host used instead'),
      detail: d.workspace,
      picked: true,
      decision: d,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Forget Host Answers'),
      placeHolder: vscode.l10n.t('The next key use for these hosts asks again'),
      canPickMany: true,
    });
    if (!picked?.length) return;
    await this.hosts.forget(picked.map((p) => p.decision));
    void vscode.window.showInformationMessage(
      picked.length === 1 ? vscode.l10n.t('Forgot 1 host answer.') : vscode.l10n.t('Forgot {0} host answers.', picked.length),
    );
  }
}
