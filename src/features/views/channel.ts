// Messages to one webview panel, typed by the shared protocol. A webview that is hidden and shown
// again (or revived after a reload) starts blank and says `ready`: it is then sent a snapshot of
// everything so far, and messages posted before it was ready are dropped in favour of that snapshot.
import * as vscode from 'vscode';
import { Disposable } from '../shared/dispose';

export class WebviewChannel<To, From extends { readonly type: string }> extends Disposable {
  private ready = false;
  private readonly received = this.register(new vscode.EventEmitter<From>());
  readonly onMessage = this.received.event;

  /** `snapshot` rebuilds the webview's whole content from the extension's model. */
  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly snapshot: () => readonly To[],
  ) {
    super();
    this.register(
      panel.webview.onDidReceiveMessage((m: From) => {
        if (m?.type === 'ready') {
          this.ready = true;
          for (const msg of this.snapshot()) void panel.webview.postMessage(msg);
        }
        this.received.fire(m);
      }),
    );
    // A hidden webview is destroyed (no retainContextWhenHidden): it says `ready` again when shown.
    this.register(panel.onDidChangeViewState(() => !panel.visible && (this.ready = false)));
  }

  post(message: To): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** Sends the snapshot again (the model changed as a whole). */
  refresh(): void {
    if (!this.ready) return;
    for (const msg of this.snapshot()) void this.panel.webview.postMessage(msg);
  }
}
