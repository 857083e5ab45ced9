// Responses shown in a read-only editor (a virtual document per response): status, time, size, the
// redacted headers and the body, JSON pretty-printed. Binary bodies are offered for saving instead.
// A JSON response is a `.jsonc` document with the head as `//` comments: highlighted, and valid, so
// VS Code's JSON checker reports no problem for the head lines.
import * as vscode from 'vscode';
import type { ApiResponse } from '../../core/explorer/send';
import { redact } from '../../core/redact';
import { Disposable } from '../shared/dispose';
import { showNotice } from '../shared/notice';
import { formatBytes } from './presentation';

export const RESPONSE_SCHEME = 'speech-api-response';
const MAX_KEPT = 20;

export class ResponseDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 1;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? vscode.l10n.t('This response is no longer kept; send the request again.');
  }

  /** Opens the response beside the request; returns the text shown. */
  async show(method: string, res: ApiResponse): Promise<string> {
    const { text, json } = responseText(method, res);
    const path = `/${this.next++}-${method}-${res.status}.${json ? 'jsonc' : 'txt'}`;
    this.texts.set(path, text);
    for (const old of [...this.texts.keys()].slice(0, Math.max(0, this.texts.size - MAX_KEPT))) this.texts.delete(old);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: RESPONSE_SCHEME, path }));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
    if (isBinary(res)) await offerSave(res);
    return text;
  }
}

function isJson(res: ApiResponse): boolean {
  return /json/i.test(res.contentType);
}

function isBinary(res: ApiResponse): boolean {
  return /^(audio|video|image)\/|octet-stream/i.test(res.contentType);
}

export function responseText(method: string, res: ApiResponse): { text: string; json: boolean } {
  const head = [
    `${method} ${res.displayUrl}`,
    `${vscode.l10n.t('Status')}: ${res.status} · ${vscode.l10n.t('Time')}: ${res.durationMs} ms · ${vscode.l10n.t('Size')}: ${formatBytes(res.sizeBytes)}`,
    ...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`),
    '',
  ];
  let body: string;
  let json = false;
  if (isBinary(res)) body = vscode.l10n.t('({0} of binary data)', formatBytes(res.sizeBytes));
  else {
    const text = res.body.toString('utf8');
    try {
      body = text;
      if (isJson(res) && text.trim()) {
        body = JSON.stringify(JSON.parse(text), null, 2);
        json = true;
      }
    } catch {
      body = text;
    }
  }
  const headText = json ? head.map((l) => (l ? `// ${l}` : l)).join('\n') : head.join('\n');
  return { text: redact(headText + '\n' + body + '\n'), json };
}

async function offerSave(res: ApiResponse): Promise<void> {
  const save = vscode.l10n.t('Save…');
  await showNotice('info', vscode.l10n.t('The response is {0} of binary data ({1}).', formatBytes(res.sizeBytes), res.contentType), [
    {
      label: save,
      run: async () => {
        const target = await vscode.window.showSaveDialog({ saveLabel: save });
        if (target) await vscode.workspace.fs.writeFile(target, res.body);
      },
    },
  ]);
}
