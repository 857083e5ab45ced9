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
  if (!v) return 'Paste the API key.';
  if (/\s/.test(v)) return 'An API key has no spaces or line breaks.';
  if (provider === 'vurbo' && !VURBO_KEY_PATTERN.test(v)) {
    if (!v.startsWith('vas_')) return 'A Vurbo key starts with "vas_".';
    const rest = v.length - 4;
    if (/[^A-Za-z0-9]/.test(v.slice(4))) return 'After "vas_" a Vurbo key has only letters and digits.';
    return `After "vas_" a Vurbo key has exactly 32 letters and digits (this one has ${rest}).`;
  }
  if (provider === 'valossa' && v.length < 8) return 'That is too short to be a Valossa API key.';
  return undefined;
}

async function pickProvider(title: string, only?: ProviderId[]): Promise<ProviderId | undefined> {
  const ids = only ?? [...PROVIDER_IDS];
  if (ids.length === 1) return ids[0];
  const items = ids.map((id) => {
    const base = readBaseUrl(id);
    return { label: PROVIDERS[id].label, description: base.ok ? base.origin : 'invalid base URL', id };
  });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Which API?' });
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
      vscode.commands.registerCommand('speechApi.setKey', (p?: ProviderId) => this.run('Set API key', () => this.setKey(p))),
      vscode.commands.registerCommand('speechApi.clearKey', (p?: ProviderId) => this.run('Clear API key', () => this.clearKey(p))),
      vscode.commands.registerCommand('speechApi.testKey', (p?: ProviderId) => this.run('Test API key', () => this.testKey(p))),
      vscode.commands.registerCommand('speechApi.importKeyFromEnv', (p?: ProviderId) => this.run('Import API key', () => this.importFromEnv(p))),
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
    const provider = providerArg && PROVIDER_IDS.includes(providerArg) ? providerArg : await pickProvider('Set API Key');
    if (!provider) return false;
    const origin = originArg ?? originOrThrow(provider);
    const info = PROVIDERS[provider];
    const value = await vscode.window.showInputBox({
      title: `${info.label} API key for ${origin}`,
      prompt: `Stored in VS Code's secret storage and sent only to ${origin}.`,
      placeHolder: provider === 'vurbo' ? 'vas_ followed by 32 letters and digits' : 'Valossa API key from Portal → My Account → Subscriptions and API Keys',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => validateKey(provider, v),
    });
    if (value === undefined) return false;
    await this.store.set({ provider, origin }, value.trim());
    this.log.info(`Stored a ${info.label} key for ${origin}.`);
    void vscode.window.showInformationMessage(`${info.label} key saved for ${origin}.`, 'Test Key').then((c) => {
      if (c === 'Test Key') void vscode.commands.executeCommand('speechApi.testKey', provider);
    });
    return true;
  }

  async clearKey(providerArg?: ProviderId): Promise<void> {
    const refs = this.store.list().filter((r) => !providerArg || r.provider === providerArg);
    if (refs.length === 0) {
      void vscode.window.showInformationMessage('No API keys are stored.');
      return;
    }
    const items: (vscode.QuickPickItem & { refs: KeyRef[] })[] = refs.map((r) => ({ label: PROVIDERS[r.provider].label, description: r.origin, refs: [r] }));
    if (refs.length > 1) items.push({ label: 'All stored keys', description: `${refs.length} keys`, refs });
    const picked = refs.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Clear API Key', placeHolder: 'Which key should be removed?' });
    if (!picked) return;
    const what = picked.refs.length === 1 ? `the ${picked.label} key for ${picked.description}` : `all ${picked.refs.length} stored keys`;
    const ok = await vscode.window.showWarningMessage(`Remove ${what} from secret storage?`, { modal: true }, 'Remove');
    if (ok !== 'Remove') return;
    for (const ref of picked.refs) await this.store.delete(ref);
    void vscode.window.showInformationMessage(`Removed ${what}.`);
  }

  async testKey(providerArg?: ProviderId): Promise<void> {
    const provider = providerArg && PROVIDER_IDS.includes(providerArg) ? providerArg : await pickProvider('Test API Key');
    if (!provider) return;
    const base = readBaseUrl(provider);
    if (!base.ok) throw new ApiError({ provider, code: 'insecure_base_url', serverMessage: base.reason });
    const info = PROVIDERS[provider];
    const key = await this.store.get({ provider, origin: base.origin });
    if (!key) throw new ApiError({ provider, code: 'no_key', serverMessage: `No ${info.label} key is stored for ${base.origin}.` });
    const { timeoutMs } = httpSettings();
    const http = new HttpClient({ provider, timeoutMs, trace: (e) => this.log.trace(e) });
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Testing the ${info.label} key for ${base.origin}…`, cancellable: true },
      (_p, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return probeKey(provider, http, base.baseUrl, key, abort.signal);
      },
    );
    this.log.info(`${info.label} key for ${base.origin} works: ${result.summary}.`);
    void vscode.window.showInformationMessage(`${info.label} key for ${base.origin} works (${result.summary}).`);
  }

  async importFromEnv(providerArg?: ProviderId): Promise<void> {
    const candidates = PROVIDER_IDS.filter((p) => !providerArg || p === providerArg).filter((p) => process.env[PROVIDERS[p].keyEnvVar]);
    if (candidates.length === 0) {
      const names = PROVIDER_IDS.map((p) => PROVIDERS[p].keyEnvVar).join(' or ');
      void vscode.window.showWarningMessage(`Neither ${names} is set in the environment VS Code was started from. Set it and restart VS Code, or use "Set API Key".`);
      return;
    }
    const imported: string[] = [];
    for (const provider of candidates) {
      const info = PROVIDERS[provider];
      const value = (process.env[info.keyEnvVar] ?? '').trim();
      const problem = validateKey(provider, value);
      if (problem) {
        void vscode.window.showWarningMessage(`${info.keyEnvVar} does not hold a usable ${info.label} key: ${problem}`);
        continue;
      }
      const origin = originOrThrow(provider);
      await this.store.set({ provider, origin }, value);
      imported.push(`${info.keyEnvVar} → ${info.label} (${origin})`);
    }
    if (imported.length) {
      this.log.info(`Imported ${imported.join(', ')}.`);
      void vscode.window.showInformationMessage(`Imported ${imported.join(', ')}.`);
    }
  }
}
