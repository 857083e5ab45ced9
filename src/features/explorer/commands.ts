// The explorer's commands: Try it (a `.http` request for an endpoint), Send and Copy as Code (from a
// CodeLens or the cursor), and the history of sent requests.
import * as vscode from 'vscode';
import { COMMAND } from '../shared/commandIds';
import type { Commands } from '../shared/commands';
import { copyRequestAs, pickLanguage } from '../shared/copyAsCode';
import type { ConnectionSource } from '../shared/connection';
import { showNotice } from '../shared/notice';
import type { RequestHistory } from './history';
import { httpTemplate } from './presentation';
import { showRawEvents } from './rawEvents';
import { configuredBases, requestAt, sendPrepared, type SenderDeps, type SendOutcome } from './sender';
import { endpointOfNode } from './tree';

export class ExplorerCommands {
  constructor(private readonly deps: SenderDeps & { connections: ConnectionSource; history: RequestHistory; selection: () => readonly unknown[] }) {}

  register(commands: Commands): vscode.Disposable[] {
    return [
      commands.register(COMMAND.explorer.tryIt, vscode.l10n.t('Try it'), (node?: unknown) => this.tryIt(node)),
      commands.register(COMMAND.explorer.send, vscode.l10n.t('Send request'), (uri?: vscode.Uri, line?: number) => this.send(uri, line)),
      commands.register(COMMAND.explorer.copyAsCode, vscode.l10n.t('Copy request as code'), (uri?: vscode.Uri, line?: number) => this.copyAsCode(uri, line)),
      commands.register(COMMAND.explorer.showHistory, vscode.l10n.t('Request history'), () => this.showHistory()),
      commands.register(COMMAND.explorer.clearHistory, vscode.l10n.t('Clear request history'), () => this.deps.history.clear()),
      commands.register(COMMAND.explorer.showRawEvents, vscode.l10n.t('Show raw events'), (id?: unknown) =>
        showRawEvents(this.deps.streams, typeof id === 'string' ? id : undefined),
      ),
      commands.register(COMMAND.explorer.openWebSocket, vscode.l10n.t('Open WebSocket console'), () => this.deps.openWebSocket()),
    ];
  }

  async tryIt(node?: unknown): Promise<vscode.TextDocument | undefined> {
    const endpoint = endpointOfNode(node) ?? endpointOfNode(this.deps.selection()[0]);
    if (!endpoint) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Pick an endpoint in the API Explorer view first.'));
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument({
      language: 'http',
      content: httpTemplate(endpoint, configuredBases(this.deps.connections)[endpoint.provider]),
    });
    await vscode.window.showTextDocument(doc);
    return doc;
  }

  private async target(uri?: vscode.Uri, line?: number): Promise<{ document: vscode.TextDocument; line: number } | undefined> {
    const editor = vscode.window.activeTextEditor;
    const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    if (!document) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a .http file and put the cursor in a request.'));
      return undefined;
    }
    return { document, line: line ?? (editor?.document === document ? editor.selection.active.line : 0) };
  }

  async send(uri?: vscode.Uri, line?: number): Promise<SendOutcome | undefined> {
    const t = await this.target(uri, line);
    if (!t) return undefined;
    const { prepared, text } = requestAt(t.document, t.line, this.deps.connections);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Sending {0}…', prepared.request.method) }, () =>
      sendPrepared(this.deps, prepared, text),
    );
  }

  async copyAsCode(uri?: vscode.Uri, line?: number): Promise<string | undefined> {
    const t = await this.target(uri, line);
    if (!t) return undefined;
    const { prepared } = requestAt(t.document, t.line, this.deps.connections);
    const language = await pickLanguage();
    return language && copyRequestAs(language, prepared.request);
  }

  private async showHistory(): Promise<void> {
    const entries = this.deps.history.entries();
    if (!entries.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No request has been sent from the explorer yet.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      entries.map((e) => ({
        label: `${e.method} ${e.url}`,
        description: `${e.status ?? '—'} · ${new Date(e.time).toLocaleString()}${e.durationMs !== undefined ? ` · ${e.durationMs} ms` : ''}`,
        entry: e,
      })),
      { title: vscode.l10n.t('Request History — pick one to open it again') },
    );
    if (!picked) return;
    if (!picked.entry.request) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This request was kept without its text because it held a secret.'));
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'http', content: picked.entry.request });
    await vscode.window.showTextDocument(doc);
    await showNotice('info', vscode.l10n.t('Opened {0} {1}.', picked.entry.method, picked.entry.url), [
      { label: vscode.l10n.t('Send Again'), run: () => this.send(doc.uri, 0) },
    ]);
  }
}
