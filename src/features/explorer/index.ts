// API Explorer: the catalogue as a tree, `.http` requests sent with the key bound to its origin,
// responses in a read-only editor or a live event table, and a history of what was sent.
import * as vscode from 'vscode';
import type { FeatureDeps } from '../shared/feature';
import { HttpAssist } from './assist';
import { HTTP_SELECTOR, HttpCodeLenses } from './codeLens';
import { ExplorerCommands } from './commands';
import { RequestHistory } from './history';
import { ResponseDocuments } from './responses';
import { ExplorerTreeProvider } from './tree';
import { WebSocketConsole } from './wsConsole';

export function registerExplorer(context: vscode.ExtensionContext, deps: FeatureDeps): void {
  const history = new RequestHistory(deps.state);
  const assist = new HttpAssist();
  const responses = new ResponseDocuments();
  const view = vscode.window.createTreeView('speechApi.explorer', { treeDataProvider: new ExplorerTreeProvider() });
  // A console ends with its panel (and its socket with it), so nothing here keeps it.
  const openWebSocket = () => WebSocketConsole.open({ connections: deps.connections, streams: deps.streams });
  const commands = new ExplorerCommands({
    connections: deps.connections,
    history,
    responses,
    streams: deps.streams,
    log: deps.log,
    selection: () => view.selection,
    openWebSocket,
  });
  context.subscriptions.push(
    history,
    responses,
    view,
    vscode.languages.registerCodeLensProvider(HTTP_SELECTOR, new HttpCodeLenses()),
    vscode.languages.registerCompletionItemProvider(HTTP_SELECTOR, assist, ' ', '?', '&', '/', '"'),
    vscode.languages.registerHoverProvider(HTTP_SELECTOR, assist),
    ...commands.register(deps.commands),
  );
}
