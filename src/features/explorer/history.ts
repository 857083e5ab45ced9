// Sent requests (method, redacted URL, status, time), newest first, kept in the global memento to
// re-open or re-send. The `.http` text is kept only when it holds no key: keys are references there,
// and a request whose text the redactor would change is kept without it.
import * as vscode from 'vscode';
import { redact } from '../../core/redact';
import { ChangeEmitter } from '../shared/changeEmitter';

export interface HistoryEntry {
  readonly method: string;
  /** Redacted. */
  readonly url: string;
  readonly status?: number;
  readonly time: number;
  readonly durationMs?: number;
  /** The `.http` request to re-open; absent when it held something secret. */
  readonly request?: string;
}

const KEY = 'speechApi.explorer.history';
const MAX = 50;

export class RequestHistory extends ChangeEmitter {
  constructor(private readonly state: vscode.Memento) {
    super();
  }

  entries(): readonly HistoryEntry[] {
    return this.state.get<HistoryEntry[]>(KEY, []);
  }

  async add(entry: Omit<HistoryEntry, 'url' | 'request'> & { url: string; request?: string }): Promise<void> {
    const request = entry.request !== undefined && redact(entry.request) === entry.request ? entry.request : undefined;
    const kept: HistoryEntry = { ...entry, url: redact(entry.url), request };
    await this.state.update(KEY, [kept, ...this.entries()].slice(0, MAX));
    this.changed.fire();
  }

  async clear(): Promise<void> {
    await this.state.update(KEY, []);
    this.changed.fire();
  }
}
