// Set, test, clear and import API keys. Keys are typed into password boxes and go straight to
// SecretStorage; nothing here ever prints a key.
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import { HttpClient } from '../../core/http/client';
import { probeKey } from '../../core/probe';
import { PROVIDER_IDS, PROVIDERS, VURBO_KEY_PATTERN, type ProviderId } from '../../core/providers';
import { showError } from '../shared/errors';
import type { Log } from '../shared/log';
import { httpSettings, readBaseUrl } from '../shared/settings';
import type { KeyRef, KeyStore } from './keyStore';

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

async function pickProvider(title: string, only?: ProviderId[]): Promise<ProviderId | undefined> {
  const ids = only ?? [...PROVIDER_IDS];
  if (ids.length === 1) return ids[0];
  const items = ids.map((id) => {
    const base = readBaseUrl(id);
    return { label: PROVIDERS[id].label, description: base.ok ? base.origin : vscode.l10n.t('invalid base URL'), id };
  });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Which API?') });
  return picked?.id;
}

function originOrThrow(provider: ProviderId): string {
  const base = readBaseUrl(provider);
  if (!base.ok) throw new ApiError({ provider, code: 'insecure_base_url', serverMessage: `speechApi.${provider}.baseUrl: ${base.reason}` });
  return base.origin;
}

export class KeyCommands {
  constructor(private readonly store: KeyStore, private readonly log: Log) {}

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('speechApi.setKey', (p?: ProviderId) => this.run(vscode.l10n.t('Set API key'), () => this.setKey(p))),
      vscode.commands.registerCommand('speechApi.clearKey', (p?: ProviderId) => this.run(vscode.l10n.t('Clear API key'), () => this.clearKey(p))),
      vscode.commands.registerCommand('speechApi.testKey', (p?: ProviderId) => this.run(vscode.l10n.t('Test API key'), () => this.testKey(p))),
      vscode.commands.registerCommand('speechApi.importKeyFromEnv', (p?: ProviderId) => this.run(vscode.l10n.t('Import API key'), () => this.importFromEnv(p))),
    ];
  }

  private async run(what: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.log.error(what, e);
      await showError(what, e);
    }
  }

  /** Prompts for a key for the provider's configured origin. Returns true when one was stored. */
  async setKey(providerArg?: ProviderId, originArg?: string): Promise<boolean> {
    const provider = providerArg && PROVIDER_IDS.includes(providerArg) ? providerArg : await pickProvider(vscode.l10n.t('Set API Key'));
    if (!provider) return false;
    const origin = originArg ?? originOrThrow(provider);
    const info = PROVIDERS[provider];
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('{0} API key for {1}', info.label, origin),
      prompt: vscode.l10n.t("Stored in VS Code's secret storage and sent only to {0}.", origin),
      placeHolder: provider === 'vurbo' ? vscode.l10n.t('{0} followed by 32 letters and digits', 'vas_') : vscode.l10n.t('Valossa API key from Portal → My Account → Subscriptions and API Keys'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => validateKey(provider, v),
    });
    if (value === undefined) return false;
    await this.store.set({ provider, origin }, value.trim());
    this.log.info(`Stored a ${info.label} key for ${origin}.`);
    const testKey = vscode.l10n.t('Test Key');
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} key saved for {1}.', info.label, origin), testKey).then((c) => {
      if (c === testKey) void vscode.commands.executeCommand('speechApi.testKey', provider);
    });
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
    const picked = refs.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Clear API Key'), placeHolder: vscode.l10n.t('Which key should be removed?') });
    if (!picked) return;
    const what = picked.refs.length === 1 ? vscode.l10n.t('the {0} key for {1}', picked.label, picked.description ?? '') : vscode.l10n.t('all {0} stored keys', picked.refs.length);
    const remove = vscode.l10n.t('Remove');
    const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Remove {0} from secret storage?', what), { modal: true }, remove);
    if (ok !== remove) return;
    for (const ref of picked.refs) await this.store.delete(ref);
    void vscode.window.showInformationMessage(vscode.l10n.t('Removed {0}.', what));
  }

  async testKey(providerArg?: ProviderId): Promise<void> {
    const provider = providerArg && PROVIDER_IDS.includes(providerArg) ? providerArg : await pickProvider(vscode.l10n.t('Test API Key'));
    if (!provider) return;
    const base = readBaseUrl(provider);
    if (!base.ok) throw new ApiError({ provider, code: 'insecure_base_url', serverMessage: base.reason });
    const info = PROVIDERS[provider];
    const key = await this.store.get({ provider, origin: base.origin });
    if (!key) throw new ApiError({ provider, code: 'no_key', serverMessage: vscode.l10n.t('No {0} key is stored for {1}.', info.label, base.origin) });
    const { timeoutMs } = httpSettings();
    const http = new HttpClient({ provider, timeoutMs, trace: (e) => this.log.trace(e) });
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing the {0} key for {1}…', info.label, base.origin), cancellable: true },
      (_p, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return probeKey(provider, http, base.baseUrl, key, abort.signal);
      },
    );
    this.log.info(`${info.label} key for ${base.origin} works: ${result.summary}.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} key for {1} works ({2}).', info.label, base.origin, result.summary));
  }

  async importFromEnv(providerArg?: ProviderId): Promise<void> {
    const candidates = PROVIDER_IDS.filter((p) => !providerArg || p === providerArg).filter((p) => process.env[PROVIDERS[p].keyEnvVar]);
    if (candidates.length === 0) {
      const names = PROVIDER_IDS.map((p) => PROVIDERS[p].keyEnvVar).join(vscode.l10n.t(' or '));
      void vscode.window.showWarningMessage(vscode.l10n.t('Neither {0} is set in the environment VS Code was started from. Set it and restart VS Code, or use "Set API Key".', names));
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
      const origin = originOrThrow(provider);
      await this.store.set({ provider, origin }, value);
      imported.push(`${info.keyEnvVar} → ${info.label} (${origin})`);
    }
    if (imported.length) {
      this.log.info(`Imported ${imported.join(', ')}.`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Imported {0}.', imported.join(', ')));
    }
  }
}
