// Names the host a view talks to in the view's title bar ("127.0.0.1:5555 · folder setting"), so a
// user sees at a glance which server a list comes from and whether a folder's settings chose it.
import * as vscode from 'vscode';
import type { ProviderId } from '../../core/providers';
import type { HostSource, ProviderHost } from './hosts';

function titleOf(host: ProviderHost): string {
  const where = host.base.ok ? new URL(host.base.origin).host : vscode.l10n.t('invalid base URL');
  if (host.sandbox) return vscode.l10n.t('{0} · sandbox', where);
  switch (host.source.scope) {
    case 'default':
      return where;
    case 'user':
      return vscode.l10n.t('{0} · user setting', where);
    case 'workspace':
      return host.unconfirmed ? vscode.l10n.t('{0} · workspace setting, not confirmed', where) : vscode.l10n.t('{0} · workspace setting', where);
    case 'folder':
      return host.unconfirmed ? vscode.l10n.t('{0} · folder setting, not confirmed', where) : vscode.l10n.t('{0} · folder setting', where);
  }
}

/** Keeps `view.description` naming the provider's host; dispose to stop. */
export function showHostInTitle(view: vscode.TreeView<unknown>, provider: ProviderId, hosts: HostSource): vscode.Disposable {
  const update = () => (view.description = titleOf(hosts.current(provider)));
  update();
  return hosts.onDidChange((p) => p === provider && update());
}
