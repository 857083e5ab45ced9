// Git status of open documents, cached until git's index changes (a `git add`, commit or checkout).
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../shared/dispose';
import { GitClassifier, type GitStatus } from '../../core/scan';

export class GitStatuses extends Disposable {
  private classifier = new GitClassifier();
  private readonly cache = new Map<string, Promise<GitStatus>>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private watching = false;
  private timer: NodeJS.Timeout | undefined;

  constructor() {
    super();
    this.register(toDisposable(() => clearTimeout(this.timer)));
  }

  /**
   * Started with the first status asked for, not at activation: until then nothing is cached, so
   * there is nothing to invalidate. .git/index is rewritten by every add, commit, reset and
   * checkout; .gitignore changes what is ignored.
   */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/{.git/index,.gitignore}'));
    const refresh = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.invalidate(), 300);
    };
    watcher.onDidChange(refresh);
    watcher.onDidCreate(refresh);
    watcher.onDidDelete(refresh);
  }

  statusOf(uri: vscode.Uri): Promise<GitStatus> {
    if (uri.scheme !== 'file') return Promise.resolve('none');
    this.watch();
    let status = this.cache.get(uri.fsPath);
    if (!status) {
      status = this.classifier
        .classify([uri.fsPath])
        .then((m) => m.get(uri.fsPath) ?? 'none')
        .catch(() => 'none' as const);
      this.cache.set(uri.fsPath, status);
    }
    return status;
  }

  invalidate(): void {
    this.classifier = new GitClassifier();
    this.cache.clear();
    this.changed.fire();
  }
}
