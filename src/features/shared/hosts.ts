// The small interface through which features learn which host a provider points at, where that
// setting comes from, and whether the user has agreed to send a key there (implemented by the keys
// feature's WorkspaceHosts, wired in extension.ts), plus the one wording of a host's source and the
// one check that no key goes to a host it may not.
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import { PROVIDERS, type BaseUrlCheck, type ProviderId } from '../../core/providers';
import type { SettingSource } from '../../core/settingSource';
import { baseUrlSetting } from './settings';

export interface ProviderHost {
  readonly provider: ProviderId;
  /** The base URL in force (after the user's answer about a workspace-named host). */
  readonly base: BaseUrlCheck;
  /** The settings layer (and file) the base URL in force comes from. */
  readonly source: SettingSource<string>;
  /** A workspace or folder settings file names this host and the user has not yet said to use it. */
  readonly unconfirmed: boolean;
  /** The host is the local sandbox this window started (it writes the user settings it runs on). */
  readonly sandbox?: boolean;
}

export interface HostSource {
  /** The provider's host as it stands; asks nothing. */
  current(provider: ProviderId): ProviderHost;
  /**
   * The host to store or send a key for. When a workspace or folder setting names a host the user
   * has not answered for, asks in a modal that names it and its file: "Use this host", "Use the
   * default host instead" or Cancel (undefined). The answer is remembered per (folder, origin).
   */
  confirm(provider: ProviderId): Promise<ProviderHost | undefined>;
  /** "127.0.0.1:5555 (this folder's settings)" for titles, tooltips and messages. */
  describe(host: ProviderHost): string;
  /** Fires when a provider's host, its source or the user's answer for it changed. */
  readonly onDidChange: vscode.Event<ProviderId>;
}

export function describeSource(source: Pick<SettingSource<unknown>, 'scope' | 'file'>): string {
  switch (source.scope) {
    case 'default':
      return vscode.l10n.t('the default');
    case 'user':
      return vscode.l10n.t('your user settings');
    case 'workspace':
      return source.file ? vscode.l10n.t("this workspace's settings, {0}", source.file) : vscode.l10n.t("this workspace's settings");
    case 'folder':
      return source.file ? vscode.l10n.t("this folder's settings, {0}", source.file) : vscode.l10n.t("this folder's settings");
  }
}

/** Why no key may go to this host, or undefined when one may. */
function hostProblem(host: ProviderHost, hosts: Pick<HostSource, 'describe'>): ApiError | undefined {
  const { provider } = host;
  if (!host.base.ok) {
    return new ApiError({
      provider,
      code: 'insecure_base_url',
      detail: vscode.l10n.t('{0} in {1} is not allowed: {2}', baseUrlSetting(provider), describeSource(host.source), host.base.reason),
    });
  }
  if (host.unconfirmed) {
    return new ApiError({
      provider,
      code: 'host_not_confirmed',
      detail: vscode.l10n.t(
        '{0} points {1} at {2}, which you have not confirmed, so no key was sent. Choose "Review Host…" to decide.',
        baseUrlSetting(provider),
        PROVIDERS[provider].label,
        hosts.describe(host),
      ),
    });
  }
  return undefined;
}

/** The allowed base URL of a host, or the error that says why none is. */
export function allowedBase(host: ProviderHost, hosts: Pick<HostSource, 'describe'>): { baseUrl: string; origin: string } {
  const problem = hostProblem(host, hosts);
  if (problem) throw problem;
  return host.base as { baseUrl: string; origin: string };
}

/**
 * The host a key may be stored for or sent to, after the user's say on a workspace-named one:
 * undefined when the user cancelled, the error when no key may go there.
 */
export async function confirmedBase(hosts: HostSource, provider: ProviderId): Promise<{ host: ProviderHost; baseUrl: string; origin: string } | undefined> {
  const host = await hosts.confirm(provider);
  return host && { host, ...allowedBase(host, hosts) };
}
