// The team's scanner settings as the editor applies them: `.speech-api-scan.json` (the same file
// the CLI reads) and its baseline, per workspace folder, read once and again when either changes.
// In an untrusted workspace the config's custom regexes are not run, and the user is told once.
import path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE, ContentRules, contentRuleSpec, defaultScanConfig, loadScanConfig, readBaseline, type Baseline, type ScanConfig } from '../../core/scan';
import { Disposable } from '../shared/dispose';
import type { Log } from '../shared/log';
import { showNotice } from '../shared/notice';

export interface FolderScanConfig {
  readonly config: ScanConfig;
  /** The allowlist and (trusted only) custom rules; undefined when the config adds neither. */
  readonly content: ContentRules | undefined;
  readonly baseline: Baseline | undefined;
  /** Custom rules the config has but that were not run because the workspace is not trusted. */
  readonly skippedCustomRules: number;
}

export class ScanConfigs extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly byRoot = new Map<string, FolderScanConfig>();
  private readonly reported = new Set<string>();
  /** One watcher per baseline file in use (its name is the user's choice). */
  private readonly baselineWatchers = new Map<string, vscode.Disposable>();
  private configWatcher: vscode.Disposable | undefined;
  private untrustedNoticeShown = false;

  constructor(private readonly log: Log) {
    super();
    const invalidate = () => this.invalidate();
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(invalidate));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(invalidate));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('speechApi.scan.baseline') && invalidate()));
  }

  /** The config for a file: its workspace folder's (outside any folder: the defaults). */
  forFile(uri: vscode.Uri): FolderScanConfig {
    const folder = uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    if (!folder) return { config: defaultScanConfig(path.dirname(uri.fsPath)), content: undefined, baseline: undefined, skippedCustomRules: 0 };
    return this.forFolder(folder);
  }

  forFolder(folder: vscode.WorkspaceFolder): FolderScanConfig {
    const root = folder.uri.fsPath;
    // Watched from the first use, not at activation: most windows never open a file in a folder.
    this.configWatcher ??= this.register(this.watch(`**/${CONFIG_FILE}`));
    let entry = this.byRoot.get(root);
    if (!entry) this.byRoot.set(root, (entry = this.load(folder)));
    return entry;
  }

  private load(folder: vscode.WorkspaceFolder): FolderScanConfig {
    const root = folder.uri.fsPath;
    let config: ScanConfig;
    try {
      config = loadScanConfig(root);
    } catch (e) {
      this.problem(
        `config:${root}`,
        vscode.l10n.t('{0} was not applied: {1}', CONFIG_FILE, e instanceof Error ? e.message : String(e)),
        path.join(root, CONFIG_FILE),
      );
      config = defaultScanConfig(root);
    }
    const trusted = vscode.workspace.isTrusted;
    let content: ContentRules | undefined;
    try {
      const rules = new ContentRules(contentRuleSpec(config, trusted));
      content = rules.isEmpty ? undefined : rules;
    } catch (e) {
      this.problem(`rules:${root}`, vscode.l10n.t('{0} was not applied: {1}', CONFIG_FILE, e instanceof Error ? e.message : String(e)), config.file);
    }
    const skippedCustomRules = trusted ? 0 : config.customRules.length;
    if (skippedCustomRules && !this.untrustedNoticeShown) {
      this.untrustedNoticeShown = true;
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          '{0} has custom rules; they do not run while this folder is not trusted (their regular expressions come from the workspace).',
          CONFIG_FILE,
        ),
      );
    }
    return { config, content, baseline: this.baseline(folder, config), skippedCustomRules };
  }

  /** The baseline named by the setting (relative to the folder) or else by the config file. */
  private baseline(folder: vscode.WorkspaceFolder, config: ScanConfig): Baseline | undefined {
    const setting = vscode.workspace.getConfiguration('speechApi.scan', folder.uri).get<string>('baseline', '').trim();
    const file = setting ? path.resolve(folder.uri.fsPath, setting) : config.baseline;
    if (!file) return undefined;
    if (!this.baselineWatchers.has(file)) this.baselineWatchers.set(file, this.watch(new vscode.RelativePattern(path.dirname(file), path.basename(file))));
    try {
      return readBaseline(file);
    } catch (e) {
      this.problem(`baseline:${file}`, vscode.l10n.t('The key-scanner baseline was not applied: {0}', e instanceof Error ? e.message : String(e)), file);
      return undefined;
    }
  }

  /** Says once per problem what was not applied, with a button to the file. */
  private problem(id: string, message: string, file: string | undefined): void {
    this.log.warn(message);
    if (this.reported.has(id)) return;
    this.reported.add(id);
    void showNotice('warning', message, file ? [{ label: vscode.l10n.t('Open File'), run: () => vscode.window.showTextDocument(vscode.Uri.file(file)) }] : []);
  }

  private watch(pattern: vscode.GlobPattern): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const invalidate = () => this.invalidate();
    watcher.onDidChange(invalidate);
    watcher.onDidCreate(invalidate);
    watcher.onDidDelete(invalidate);
    return watcher;
  }

  override dispose(): void {
    for (const w of this.baselineWatchers.values()) w.dispose();
    super.dispose();
  }

  private invalidate(): void {
    this.byRoot.clear();
    this.reported.clear();
    this.changed.fire();
  }
}
