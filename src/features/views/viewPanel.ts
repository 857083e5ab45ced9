// What each view's panel class shares: it owns its webview panel and the typed channel to it, and
// answers the channel's snapshot requests and messages.
import type * as vscode from 'vscode';
import { Disposable, toDisposable } from '../shared/dispose';
import { WebviewChannel } from './channel';

export abstract class ViewPanel<To, From extends { readonly type: string }> extends Disposable {
  protected readonly channel: WebviewChannel<To, From>;
  /** Aborts the panel's downloads and streams when it closes. */
  protected readonly abort = new AbortController();

  constructor(
    readonly panel: vscode.WebviewPanel,
    title: string,
  ) {
    super();
    this.register(panel);
    panel.title = title;
    // Called only once the webview speaks, after the subclass's constructor has run.
    this.channel = this.register(new WebviewChannel<To, From>(panel, () => this.snapshot()));
    this.register(this.channel.onMessage((m) => this.onMessage(m)));
    this.register(toDisposable(() => this.abort.abort()));
  }

  /** Everything the webview needs to draw itself from blank. */
  protected abstract snapshot(): To[];
  protected abstract onMessage(m: From): Promise<void> | void;
}
