// Completion and hover in `.http` files from the catalogue (core/explorer/httpAssist.ts): endpoints
// after the method, parameter names in the query and the JSON body, and their descriptions.
import * as vscode from 'vscode';
import { completionsAt, hoverAt } from '../../core/explorer/httpAssist';
import type { CatalogParam } from '../../core/catalog';
import { endpointTooltip, statusLabel } from './presentation';

function paramMarkdown(p: CatalogParam): vscode.MarkdownString {
  const md = new vscode.MarkdownString(
    [
      `\`${p.name}\` (${p.in}, ${p.type}${p.required ? `, ${vscode.l10n.t('required')}` : ''})`,
      '',
      p.description,
      ...(p.values?.length ? ['', `${vscode.l10n.t('Values')}: ${p.values.map((v) => `\`${v}\``).join(', ')}`] : []),
    ].join('\n'),
  );
  md.isTrusted = false;
  return md;
}

export class HttpAssist implements vscode.CompletionItemProvider, vscode.HoverProvider {
  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const found = completionsAt(document.getText(), position.line, position.character);
    if (!found) return [];
    const range = new vscode.Range(position.line, found.from, position.line, position.character);
    return found.items.map((c) => {
      if (c.kind === 'endpoint') {
        const item = new vscode.CompletionItem({ label: c.endpoint.path, description: c.endpoint.summary }, vscode.CompletionItemKind.Function);
        item.detail = `${c.endpoint.method} ${c.endpoint.path} · ${statusLabel(c.endpoint.status)}`;
        item.documentation = endpointTooltip(c.endpoint);
        item.insertText = c.insert;
        item.filterText = c.insert;
        item.range = range;
        return item;
      }
      const item = new vscode.CompletionItem(
        { label: c.param.name, description: c.param.required ? vscode.l10n.t('required') : undefined },
        vscode.CompletionItemKind.Field,
      );
      item.detail = `${c.param.in} · ${c.param.type}`;
      item.documentation = paramMarkdown(c.param);
      item.insertText = c.insert;
      item.filterText = c.insert;
      item.range = range;
      // Required ones first.
      item.sortText = `${c.param.required ? 0 : 1}${c.param.name}`;
      return item;
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const info = hoverAt(document.getText(), position.line, position.character);
    if (!info) return undefined;
    return new vscode.Hover(
      info.param ? paramMarkdown(info.param) : endpointTooltip(info.endpoint),
      new vscode.Range(position.line, info.from, position.line, info.to),
    );
  }
}
