// The disposable that tells listeners it changed: the emitter is owned (released on dispose) and
// only the subclass fires it.
import * as vscode from 'vscode';
import { Disposable } from './dispose';

export abstract class ChangeEmitter<T = void> extends Disposable {
  protected readonly changed = this.register(new vscode.EventEmitter<T>());
  readonly onDidChange = this.changed.event;
}
