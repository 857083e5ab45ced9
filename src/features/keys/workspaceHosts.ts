// Which host each provider points at, and the user's say before a key goes to a host that a
// workspace or folder settings file named. Trusting a folder means trusting its code, not handing
// one's keys to any host its settings name: every path that stores or sends a key asks here first.
import * as vscode from 'vscode';
import { ChangeEmitter } from '../shared/changeEmitter';
import { checkBaseUrl, PROVIDER_IDS, PROVIDERS, type BaseUrlCheck, type ProviderId } from '../../core/providers';
import { settingSource, userOrDefault, type SettingInspection, type SettingSource } from '../../core/settingSource';
import { describeSource, type HostSource, type ProviderHost } from '../shared/hosts';
import { baseUrlSetting } from '../shared/settings';

const DECISIONS_KEY = 'speechApi.workspaceHostDecisions';

/** What the user said about one workspace-named host, remembered per (workspace, provider, origin). */
type Decision = 'use' | 'default';

interface StoredDecision {
  workspace: string;
  provider: ProviderId;
  origin: string;
  decision: Decision;
}

function uriText(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/** The opened workspace as the pure setting-source rules see it. */
function workspaceShape(): { workspaceFile?: string; folders: string[] } {
  const file = vscode.workspace.workspaceFile;
  return {
    workspaceFile: file ? uriText(file) : undefined,
    folders: (vscode.workspace.workspaceFolders ?? []).map((f) => uriText(f.uri)),
  };
}

/** Identifies the opened folder or workspace the answers belong to. */
function workspaceId(): string | undefined {
  const file = vscode.workspace.workspaceFile;
  if (file) return file.toString();
  return vscode.workspace.workspaceFolders?.[0]?.uri.toString();
}

export class WorkspaceHosts extends ChangeEmitter<ProviderId> implements HostSource {
  private sandboxOrigin: () => string | undefined = () => undefined;

  constructor(private readonly state: vscode.Memento) {
    super();
    const all = () => PROVIDER_IDS.forEach((p) => this.changed.fire(p));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        for (const p of PROVIDER_IDS) if (e.affectsConfiguration(baseUrlSetting(p))) this.changed.fire(p);
      }),
    );
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(all));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(all));
  }

  private inspect(provider: ProviderId): SettingInspection<string> | undefined {
    return vscode.workspace.getConfiguration().inspect<string>(baseUrlSetting(provider));
  }

  /** The host the user's own layers give: what restricted mode and "use the default host instead" use. */
  private usersHost(provider: ProviderId, inspection: SettingInspection<string> | undefined): { source: SettingSource<string>; base: BaseUrlCheck } {
    const source = userOrDefault(inspection);
    return { source, base: checkBaseUrl(source.value || PROVIDERS[provider].defaultBaseUrl) };
  }

  /** Lets the titles say "sandbox" rather than "user setting" for the sandbox's own origin. */
  recogniseSandbox(sandbox: { readonly origin: string | undefined; readonly onDidChange: vscode.Event<void> }): void {
    this.sandboxOrigin = () => sandbox.origin;
    this.register(sandbox.onDidChange(() => PROVIDER_IDS.forEach((p) => this.changed.fire(p))));
  }

  current(provider: ProviderId): ProviderHost {
    const host = this.resolve(provider);
    return host.base.ok && !host.source.fromWorkspace && host.base.origin === this.sandboxOrigin() ? { ...host, sandbox: true } : host;
  }

  private resolve(provider: ProviderId): ProviderHost {
    const inspection = this.inspect(provider);
    // In restricted mode VS Code applies no workspace value of a restricted setting: neither do we.
    if (!vscode.workspace.isTrusted) return { provider, ...this.usersHost(provider, inspection), unconfirmed: false };
    const source = settingSource(inspection, workspaceShape());
    const base = checkBaseUrl(source.value || PROVIDERS[provider].defaultBaseUrl);
    if (!source.fromWorkspace || !base.ok) return { provider, base, source, unconfirmed: false };
    const decision = this.decision(provider, base.origin);
    if (decision === 'default') return { provider, ...this.usersHost(provider, inspection), unconfirmed: false };
    return { provider, base, source, unconfirmed: decision !== 'use' };
  }

  async confirm(provider: ProviderId): Promise<ProviderHost | undefined> {
    const host = this.current(provider);
    if (!host.unconfirmed || !host.base.ok) return host;
    const info = PROVIDERS[provider];
    const fallback = this.usersHost(provider, this.inspect(provider));
    const useHost = vscode.l10n.t('Use this host');
    const useDefault = vscode.l10n.t('Use the default host instead');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send your {0} API key to {1}?', info.label, host.base.origin),
      {
        modal: true,
        detail: vscode.l10n.t(
          'This host comes from {0} ({1}), not from you. A folder you trust can still name a host you do not: use it only if you know it. The default host is {2} ({3}).',
          describeSource(host.source),
          baseUrlSetting(provider),
          fallback.base.ok ? fallback.base.origin : info.defaultBaseUrl,
          describeSource(fallback.source),
        ),
      },
      // The safe answer first: it is the modal's primary button, the one Enter presses.
      useDefault,
      useHost,
    );
    if (choice === undefined) return undefined;
    await this.remember(provider, host.base.origin, choice === useHost ? 'use' : 'default');
    return this.current(provider);
  }

  describe(host: ProviderHost): string {
    const where = host.base.ok ? host.base.origin : vscode.l10n.t('an invalid base URL');
    return vscode.l10n.t('{0} ({1})', where, host.sandbox ? vscode.l10n.t('the local sandbox') : describeSource(host.source));
  }

  /** Every remembered answer, for the command that revokes them. */
  decisions(): readonly StoredDecision[] {
    return this.state.get<StoredDecision[]>(DECISIONS_KEY, []);
  }

  async forget(which: readonly StoredDecision[]): Promise<void> {
    const gone = new Set(which.map((d) => JSON.stringify([d.workspace, d.provider, d.origin])));
    await this.state.update(
      DECISIONS_KEY,
      this.decisions().filter((d) => !gone.has(JSON.stringify([d.workspace, d.provider, d.origin]))),
    );
    for (const p of new Set(which.map((d) => d.provider))) this.changed.fire(p);
  }

  private decision(provider: ProviderId, origin: string): Decision | undefined {
    const workspace = workspaceId();
    return this.decisions().find((d) => d.workspace === workspace && d.provider === provider && d.origin === origin)?.decision;
  }

  private async remember(provider: ProviderId, origin: string, decision: Decision): Promise<void> {
    const workspace = workspaceId();
    if (!workspace) return;
    const others = this.decisions().filter((d) => !(d.workspace === workspace && d.provider === provider && d.origin === origin));
    await this.state.update(DECISIONS_KEY, [...others, { workspace, provider, origin, decision }]);
    this.changed.fire(provider);
  }
}
