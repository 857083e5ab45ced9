// Git status of open documents, cached until git's index changes (a `git add`, commit or checkout).
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../shared/dispose';
import { GitClassifier, type GitStatus } from '../../core/scan';

export class GitStatuses extends Disposable {
  private classifier = new GitClassifier();
  private readonly cache = new Map<string, Promise<GitStatus>>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.FileSystemWatcher;
  private timer: NodeJS.Timeout | undefined;

  constructor() {
    super();
    // .git/index is rewritten by every add, commit, reset and checkout; .gitignore changes what is ignored.
    this.watcher = this.register(vscode.workspace.createFileSystemWatcher('**/{.git/index,.gitignore}'));
    this.register(toDisposable(() => clearTimeout(this.timer)));
    const refresh = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.invalidate(), 300);
    };
    this.watcher.onDidChange(refresh);
    this.watcher.onDidCreate(refresh);
    this.watcher.onDidDelete(refresh);
  }

  statusOf(uri: vscode.Uri): Promise<GitStatus> {
    if (uri.scheme !== 'file') return Promise.resolve('none');
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
