// The extension's log channel. Every line passes through the redactor before VS Code sees it.
import * as vscode from 'vscode';
import { redact } from '../../core/redact';
import type { TraceEvent } from '../../core/http/client';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  trace(event: TraceEvent): void;
  show(): void;
}

export function createLog(context: vscode.ExtensionContext): Log {
  const channel = vscode.window.createOutputChannel('Speech API', { log: true });
  context.subscriptions.push(channel);
  const traceEnabled = () => vscode.workspace.getConfiguration('speechApi').get<boolean>('trace', false);
  return {
    info: (m) => channel.info(redact(m)),
    warn: (m) => channel.warn(redact(m)),
    error: (m, e) => channel.error(redact(e instanceof Error ? `${m}: ${e.message}` : m)),
    trace: (e) => {
      if (!traceEnabled() && e.outcome === 'ok') return;
      const status = e.status ?? e.errorCode ?? '';
      const retry = e.retryInMs !== undefined ? ` retry in ${e.retryInMs} ms` : '';
      const line = `${e.provider} ${e.method} ${e.url} → ${status} (${e.durationMs} ms, attempt ${e.attempt + 1})${retry}`;
      if (e.outcome === 'ok') channel.info(redact(line));
      else channel.warn(redact(line));
    },
    show: () => channel.show(true),
  };
}
