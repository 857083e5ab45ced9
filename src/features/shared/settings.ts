// Typed access to the extension's settings.
import * as vscode from 'vscode';
import { checkBaseUrl, PROVIDERS, type BaseUrlCheck, type ProviderId } from '../../core/providers';

export function baseUrlSetting(provider: ProviderId): string {
  return `speechApi.${provider}.baseUrl`;
}

export function readBaseUrl(provider: ProviderId): BaseUrlCheck {
  const raw = vscode.workspace.getConfiguration('speechApi').get<string>(`${provider}.baseUrl`) || PROVIDERS[provider].defaultBaseUrl;
  return checkBaseUrl(raw);
}

export function httpSettings(): { timeoutMs: number; maxRetries: number } {
  const c = vscode.workspace.getConfiguration('speechApi.http');
  return { timeoutMs: Math.round(c.get<number>('timeoutSeconds', 30) * 1000), maxRetries: c.get<number>('maxRetries', 3) };
}
