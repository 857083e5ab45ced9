// Typed access to the extension's settings, and the HTTP client they configure.
import * as vscode from 'vscode';
import { HttpClient } from '../../core/http/client';
import type { ProviderId } from '../../core/providers';
import type { Log } from './log';

export function baseUrlSetting(provider: ProviderId): string {
  return `speechApi.${provider}.baseUrl`;
}

export function httpSettings(): { timeoutMs: number; maxRetries: number } {
  const c = vscode.workspace.getConfiguration('speechApi.http');
  return { timeoutMs: Math.round(c.get<number>('timeoutSeconds', 30) * 1000), maxRetries: c.get<number>('maxRetries', 3) };
}

/** The one way the extension builds an HTTP client: the user's timeout and retries, traced to the log. */
export function createHttpClient(provider: ProviderId, log: Pick<Log, 'trace'>): HttpClient {
  const { timeoutMs, maxRetries } = httpSettings();
  return new HttpClient({ provider, timeoutMs, retry: { maxRetries }, trace: (e) => log.trace(e), userAgent: userAgent() });
}

function userAgent(): string {
  return `speech-api-explorer/${vscode.extensions.getExtension('speech-api-explorer.speech-api-explorer')?.packageJSON?.version ?? 'dev'}`;
}
