// The one HTML shell of both webviews: a strict Content-Security-Policy (nothing remote, scripts
// only with this page's nonce, styles and media only from the extension's own files), the bundled
// script and stylesheet, and the state to start from when the webview has none of its own yet.
import * as vscode from 'vscode';
import { escapeHtml, scriptJson, webviewNonce } from '../shared/webviewSecurity';

export type WebviewScript = 'report' | 'transcript';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, script: WebviewScript, title: string, initialState: unknown): string {
  const nonce = webviewNonce();
  const root = webviewRoot(extensionUri);
  const js = webview.asWebviewUri(vscode.Uri.joinPath(root, `${script}.js`));
  const css = webview.asWebviewUri(vscode.Uri.joinPath(root, 'views.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `media-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  const escapedTitle = escapeHtml(title);
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css}">
<title>${escapedTitle}</title>
</head>
<body>
<main id="root" aria-busy="true"><p class="muted">${escapedTitle} …</p></main>
<script nonce="${nonce}">window.initialState = ${scriptJson(initialState)};</script>
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
}
