// API keys in SecretStorage, one per (provider, base-URL origin). Only origins (not secrets) are
// indexed in globalState so the "Clear" picker can list them.
import * as vscode from 'vscode';
import { ChangeEmitter } from '../shared/changeEmitter';
import { PROVIDER_IDS, type ProviderId } from '../../core/providers';
import { redactor } from '../../core/redact';
import type { StoredKeys } from '../shared/keys';

const SECRET_PREFIX = 'speechApi.apiKey';
const INDEX_KEY = 'speechApi.keyIndex';

export interface KeyRef {
  readonly provider: ProviderId;
  readonly origin: string;
}

export function secretId(ref: KeyRef): string {
  return `${SECRET_PREFIX}/${ref.provider}/${ref.origin}`;
}

function parseSecretId(id: string): KeyRef | undefined {
  if (!id.startsWith(SECRET_PREFIX + '/')) return undefined;
  const rest = id.slice(SECRET_PREFIX.length + 1);
  const slash = rest.indexOf('/');
  const provider = rest.slice(0, slash) as ProviderId;
  if (!PROVIDER_IDS.includes(provider)) return undefined;
  return { provider, origin: rest.slice(slash + 1) };
}

export class KeyStore extends ChangeEmitter<KeyRef> implements StoredKeys {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {
    super();
    // Another window set or cleared a key: keep the index and every listener in step.
    this.register(
      secrets.onDidChange(async (e) => {
        const ref = parseSecretId(e.key);
        if (!ref) return;
        const value = await this.secrets.get(e.key);
        await this.updateIndex(ref, value !== undefined);
        if (value) redactor.addSecret(value);
        this.changed.fire(ref);
      }),
    );
  }

  async get(ref: KeyRef): Promise<string | undefined> {
    const value = await this.secrets.get(secretId(ref));
    if (value) redactor.addSecret(value);
    return value;
  }

  async set(ref: KeyRef, key: string): Promise<void> {
    redactor.addSecret(key);
    await this.secrets.store(secretId(ref), key);
    await this.updateIndex(ref, true);
    this.changed.fire(ref);
  }

  async delete(ref: KeyRef): Promise<void> {
    await this.secrets.delete(secretId(ref));
    await this.updateIndex(ref, false);
    this.changed.fire(ref);
  }

  list(): KeyRef[] {
    return this.state.get<KeyRef[]>(INDEX_KEY, []).filter((r) => PROVIDER_IDS.includes(r.provider));
  }

  /** Every stored key, for the hard-coded key scanner (kept in memory only). */
  async allKeys(): Promise<{ provider: ProviderId; origin: string; key: string }[]> {
    const out: { provider: ProviderId; origin: string; key: string }[] = [];
    for (const ref of this.list()) {
      const key = await this.get(ref);
      if (key) out.push({ ...ref, key });
    }
    return out;
  }

  private async updateIndex(ref: KeyRef, present: boolean): Promise<void> {
    const others = this.list().filter((r) => !(r.provider === ref.provider && r.origin === ref.origin));
    await this.state.update(INDEX_KEY, present ? [...others, ref] : others);
  }
}
