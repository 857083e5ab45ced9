// Hard-coded key detection in the editor: diagnostics on open and edit, quick fixes, hover, and the
// workspace scan. Stored keys come in through the StoredKeys interface and stay in memory.
import * as vscode from 'vscode';
import { scanText, StoredKeyMatcher } from '../../core/scan';
import { COMMAND } from '../shared/commandIds';
import type { FeatureDeps } from '../shared/feature';
import type { HostSource } from '../shared/hosts';
import type { StoredKeys } from '../shared/keys';
import { KeyFixProvider } from './codeActions';
import { DocumentScans } from './documentScans';
import { FixCommands } from './fixCommands';
import { GitStatuses } from './gitStatus';
import { KeyHistoryCommands, HISTORY_VIEW } from './history/commands';
import { GIT_SHOW_SCHEME, GitShowDocuments } from './history/gitShow';
import { KeyHistoryModel } from './history/model';
import { KeyHistoryTreeProvider } from './history/tree';
import { KeyHoverProvider } from './hover';
import { LiveKeyCheck } from './liveCheck';
import { ScanConfigs } from './scanConfigs';
import type { FolderScanSetup } from '../shared/scanSetup';
import { folderScanSetup } from './scanSetup';
import { WorkspaceScan } from './workspaceScan';

/** What the scanner needs from the keys feature. */
export interface DiagnosticsLinks {
  readonly storedKeys: StoredKeys;
  /** The host a found key is stored for, confirmed by the user when a workspace setting names it. */
  readonly hosts: HostSource;
}

/** How the workspace scan scans a folder: offered so other scans (the language-model tool) match it. */
export interface DiagnosticsApi {
  scanSetup(folder: vscode.WorkspaceFolder): FolderScanSetup;
}

const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-userdata' }, { scheme: 'vscode-remote' }];

export function registerDiagnostics(context: vscode.ExtensionContext, deps: Pick<FeatureDeps, 'log' | 'commands'> & DiagnosticsLinks): DiagnosticsApi {
  const collection = vscode.languages.createDiagnosticCollection('speechApi.keys');
  const git = new GitStatuses();
  const docs = vscode.Uri.joinPath(context.extensionUri, 'README.md').with({ fragment: 'hard-coded-key-detection' });
  let matcher = new StoredKeyMatcher([]);
  const configs = new ScanConfigs(deps.log);
  const documents = new DocumentScans({ collection, git, docs, storedKeys: () => matcher, configs });
  const history = new KeyHistoryModel();
  const historyTree = new KeyHistoryTreeProvider(history);

  const refreshStoredKeys = async () => {
    try {
      matcher = new StoredKeyMatcher(await deps.storedKeys.allKeys());
      documents.rescanAll();
    } catch (e) {
      deps.log.error('Could not read the stored keys for the key scanner', e);
    }
  };
  void refreshStoredKeys();

  const findingsOf = (doc: vscode.TextDocument) => (documents.isOpen(doc.uri) ? documents.findings(doc) : scanText(doc.getText(), { storedKeys: matcher }));
  const fixes = new FixCommands(deps.storedKeys, deps.hosts, findingsOf, (doc) => documents.rescan(doc));
  const workspaceScan = new WorkspaceScan({ collection, documents, storedKeys: () => matcher, docs, log: deps.log, configs });
  const historyCommands = new KeyHistoryCommands({ model: history, configs, log: deps.log });

  context.subscriptions.push(
    collection,
    git,
    configs,
    documents,
    history,
    historyTree,
    vscode.window.createTreeView(HISTORY_VIEW, { treeDataProvider: historyTree }),
    vscode.workspace.registerTextDocumentContentProvider(GIT_SHOW_SCHEME, new GitShowDocuments()),
    configs.onDidChange(() => documents.rescanAll()),
    deps.storedKeys.onDidChange(() => void refreshStoredKeys()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('speechApi.scan')) return;
      collection.clear();
      documents.rescanAll();
    }),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new KeyFixProvider(findingsOf, git), KeyFixProvider.metadata),
    vscode.languages.registerHoverProvider(SELECTOR, new KeyHoverProvider(findingsOf, configs, history)),
    deps.commands.register(COMMAND.diagnostics.scanWorkspace, vscode.l10n.t('Scan workspace for keys'), () => workspaceScan.run()),
    ...fixes.register(deps.commands),
    ...new LiveKeyCheck(findingsOf, deps.log).register(deps.commands),
    ...historyCommands.register(deps.commands),
  );
  return { scanSetup: (folder) => folderScanSetup(folder, configs, matcher) };
}
