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

/** An item that replaces `range` with `insert` (and is filtered by it, too). */
function completion(
  label: vscode.CompletionItemLabel,
  kind: vscode.CompletionItemKind,
  detail: string,
  documentation: vscode.MarkdownString,
  insert: string,
  range: vscode.Range,
): vscode.CompletionItem {
  const item = new vscode.CompletionItem(label, kind);
  item.detail = detail;
  item.documentation = documentation;
  item.insertText = item.filterText = insert;
  item.range = range;
  return item;
}

export class HttpAssist implements vscode.CompletionItemProvider, vscode.HoverProvider {
  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const found = completionsAt(document.getText(), position.line, position.character);
    if (!found) return [];
    const range = new vscode.Range(position.line, found.from, position.line, position.character);
    return found.items.map((c) => {
      if (c.kind === 'endpoint') {
        const label = { label: c.endpoint.path, description: c.endpoint.summary };
        const detail = `${c.endpoint.method} ${c.endpoint.path} · ${statusLabel(c.endpoint.status)}`;
        return completion(label, vscode.CompletionItemKind.Function, detail, endpointTooltip(c.endpoint), c.insert, range);
      }
      const label = { label: c.param.name, description: c.param.required ? vscode.l10n.t('required') : undefined };
      const item = completion(label, vscode.CompletionItemKind.Field, `${c.param.in} · ${c.param.type}`, paramMarkdown(c.param), c.insert, range);
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
