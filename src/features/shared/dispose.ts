// The one disposal idiom (after vscode-pull-request-github): a class that owns resources extends
// Disposable and registers each of them once; dispose() releases them in reverse order, once.
import type * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of `d`; a resource registered after dispose() is released at once. */
  protected register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.owned.splice(0).reverse()) d.dispose();
  }
}

/** A disposable from a function (timers, listeners of plain emitters). */
export function toDisposable(fn: () => void): vscode.Disposable {
  let done = false;
  return { dispose: () => (done ? undefined : ((done = true), fn())) };
}
