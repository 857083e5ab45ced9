// The API Explorer tree: provider → area → endpoint, from the catalogue. Static: no model needed.
import * as vscode from 'vscode';
import { catalog, type CatalogEndpoint } from '../../core/catalog';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../core/providers';
import { endpointTooltip, statusLabel } from './presentation';

export type ExplorerNode =
  { kind: 'provider'; provider: ProviderId } | { kind: 'area'; provider: ProviderId; area: string } | { kind: 'endpoint'; endpoint: CatalogEndpoint };

export function endpointOfNode(node: unknown): CatalogEndpoint | undefined {
  return typeof node === 'object' && node !== null && (node as ExplorerNode).kind === 'endpoint' ? (node as { endpoint: CatalogEndpoint }).endpoint : undefined;
}

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode> {
  getChildren(node?: ExplorerNode): ExplorerNode[] {
    if (!node) return PROVIDER_IDS.map((provider) => ({ kind: 'provider', provider }));
    if (node.kind === 'provider') {
      const areas = [
        ...new Set(
          catalog()
            .filter((e) => e.provider === node.provider)
            .map((e) => e.area),
        ),
      ];
      return areas.map((area) => ({ kind: 'area', provider: node.provider, area }));
    }
    if (node.kind === 'area')
      return catalog()
        .filter((e) => e.provider === node.provider && e.area === node.area)
        .map((endpoint) => ({ kind: 'endpoint', endpoint }));
    return [];
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    if (node.kind === 'provider') {
      const item = new vscode.TreeItem(PROVIDERS[node.provider].label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `explorer:${node.provider}`;
      item.iconPath = new vscode.ThemeIcon('cloud');
      return item;
    }
    if (node.kind === 'area') {
      const item = new vscode.TreeItem(node.area, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `explorer:${node.provider}:${node.area}`;
      item.iconPath = new vscode.ThemeIcon('folder');
      return item;
    }
    const e = node.endpoint;
    // The method badge leads the label so the column of methods reads like a route table.
    const item = new vscode.TreeItem({ label: `${e.method} ${e.path}`, highlights: [[0, e.method.length]] }, vscode.TreeItemCollapsibleState.None);
    item.id = `explorer:${e.id}`;
    item.description = e.status === 'documented' ? e.summary : `${e.summary} · ${statusLabel(e.status)}`;
    item.tooltip = endpointTooltip(e);
    item.iconPath = new vscode.ThemeIcon(
      e.response === 'sse' ? 'radio-tower' : e.response === 'websocket' ? 'plug' : e.response === 'binary' ? 'file-binary' : 'symbol-method',
    );
    item.contextValue = `endpoint.${e.response}`;
    item.accessibilityInformation = { label: `${e.method} ${e.path}, ${e.summary}, ${statusLabel(e.status)}` };
    return item;
  }
}
