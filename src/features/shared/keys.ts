// What features other than `keys` may know about stored keys: the scanner compares workspace text
// against them (in memory only) and its quick fix saves a found key for a host the user confirmed
// (HostSource.confirm).
import type * as vscode from 'vscode';
import type { ProviderId } from '../../core/providers';

export interface StoredKeys {
  /** Every stored key with the provider and origin it is bound to. Never write these anywhere. */
  allKeys(): Promise<{ provider: ProviderId; origin: string; key: string }[]>;
  /** Saves a key bound to one origin: the origin of a host from HostSource.confirm. */
  set(ref: { provider: ProviderId; origin: string }, key: string): Promise<void>;
  readonly onDidChange: vscode.Event<unknown>;
}

/** Keys bound to an explicit origin: the sandbox stores its keys for its own loopback origin only. */
export interface OriginKeys {
  get(ref: { provider: ProviderId; origin: string }): Promise<string | undefined>;
  set(ref: { provider: ProviderId; origin: string }, key: string): Promise<void>;
  delete(ref: { provider: ProviderId; origin: string }): Promise<void>;
}
