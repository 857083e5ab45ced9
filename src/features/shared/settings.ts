// Typed access to the extension's settings.
import * as vscode from 'vscode';
import type { ProviderId } from '../../core/providers';

export function baseUrlSetting(provider: ProviderId): string {
  return `speechApi.${provider}.baseUrl`;
}

export function httpSettings(): { timeoutMs: number; maxRetries: number } {
  const c = vscode.workspace.getConfiguration('speechApi.http');
  return { timeoutMs: Math.round(c.get<number>('timeoutSeconds', 30) * 1000), maxRetries: c.get<number>('maxRetries', 3) };
}
