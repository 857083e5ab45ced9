// What the feature unit tests share: one fake `vscode` module per process (features bind to the
// fake they were first loaded with, so every test file must mutate the same one), a ConnectionSource
// over real HttpClients to the emulator, and recorders for the log and the error reporter.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { installFakeVscode } from '../../bench/fakeVscode';
import { ApiError } from '../../src/core/errors';
import { HttpClient, type TraceEvent } from '../../src/core/http/client';
import type { ProviderId } from '../../src/core/providers';
import type { Emulator } from '../../src/emulator/index';
import type { ConnectionSource, ProviderConnection } from '../../src/features/shared/connection';
import type { ErrorReporter } from '../../src/features/shared/errors';
import type { Log } from '../../src/features/shared/log';

export type FakeVscode = Record<string, unknown> & { window: Record<string, unknown>; commands: Record<string, unknown> };

let fake: FakeVscode | undefined;

/** Installs the fake once per process; call it before the first require of a feature module. */
export function fakeVscode(): FakeVscode {
  return (fake ??= installFakeVscode() as FakeVscode);
}

/** Replaces `obj[name]` for one test; the returned function puts the original back. */
export function replace<T extends object, K extends keyof T>(obj: T, name: K, value: T[K]): () => void {
  const original = obj[name];
  obj[name] = value;
  return () => void (obj[name] = original);
}

type Listener<T> = (e: T) => unknown;

/** A minimal event source (the fake's EventEmitter is not loaded here, to keep this file vscode-free). */
export class Signal<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): vscode.Disposable => {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}

/** The keys feature's part, played by the emulator: keys per provider, changeable by the test. */
export class TestConnections implements ConnectionSource {
  readonly keys: Partial<Record<ProviderId, string>>;
  readonly changes = new Signal<ProviderId>();
  readonly onDidChange = this.changes.event as vscode.Event<ProviderId>;
  readonly hosts = undefined as never;
  readonly traces = new Signal<TraceEvent>();
  connects = 0;

  constructor(
    private readonly emulator: Emulator,
    keys: Partial<Record<ProviderId, string>> = emulator.keys,
  ) {
    this.keys = { ...keys };
  }

  async hasKey(provider: ProviderId): Promise<boolean> {
    return this.keys[provider] !== undefined;
  }

  async connect(provider: ProviderId): Promise<ProviderConnection> {
    this.connects++;
    const key = this.keys[provider];
    if (key === undefined) throw new ApiError({ provider, code: 'no_key' });
    const baseUrl = provider === 'valossa' ? this.emulator.valossaBaseUrl : this.emulator.vurboBaseUrl;
    const http = new HttpClient({ provider, retry: { maxRetries: 0 }, trace: (e) => this.traces.fire(e) });
    return { provider, baseUrl, origin: this.emulator.origin, key, http };
  }

  /** Points the provider at another key and says so, as the keys feature does. */
  switchKey(provider: ProviderId, key: string | undefined): void {
    this.keys[provider] = key;
    this.changes.fire(provider);
  }
}

export interface RecordingLog extends Log {
  readonly lines: string[];
  readonly written: Signal<string>;
}

export function recordingLog(): RecordingLog {
  const lines: string[] = [];
  const written = new Signal<string>();
  const write = (line: string) => (lines.push(line), written.fire(line));
  return {
    lines,
    written,
    info: (m) => write(`info ${m}`),
    warn: (m) => write(`warn ${m}`),
    error: (m, e) => write(`error ${m}${e instanceof Error ? `: ${e.message}` : ''}`),
    trace: () => undefined,
    show: () => undefined,
  };
}

export interface RecordingReporter extends ErrorReporter {
  readonly shown: { context: string; error: unknown }[];
}

export function recordingReporter(): RecordingReporter {
  const shown: { context: string; error: unknown }[] = [];
  return { shown, show: async (context, error) => void shown.push({ context, error }) };
}

export function memento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (structuredClone(values.get(key)) as T) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, structuredClone(value)),
  } as vscode.Memento;
}

/** Resolves once `predicate` holds, checked now and after each event; fails after `timeoutMs`. */
export function until(event: (l: () => unknown) => vscode.Disposable, predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (sub.dispose(), reject(new Error(`timed out waiting for ${what}`))), timeoutMs);
    const sub = event(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** Timers keeping the process alive (unref'd ones, such as the emulator's, are not counted). */
export function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

/** The view's one root row is the shared click-to-retry error row, saying `message`. */
/**
 * A failed load with nothing known: no rows, and the view's message line (shared/loadState.ts, the
 * one place a list view reports a load error) carries the catalogue's words.
 */
export function assertLoadError<N>(view: { getChildren(): N[] }, state: { kind: string }, message: RegExp): void {
  assert.deepEqual(view.getChildren(), [], 'no rows: the view message says what failed');
  const { viewMessage } = require('../../src/features/shared/loadState') as typeof import('../../src/features/shared/loadState');
  assert.match(viewMessage(state as never, 0, { error: (text) => `Could not load: ${text}` }) ?? '', message);
}
