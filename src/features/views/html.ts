// The one HTML shell of both webviews: a strict Content-Security-Policy (nothing remote, scripts
// only with this page's nonce, styles and media only from the extension's own files), the bundled
// script and stylesheet, and the state to start from when the webview has none of its own yet.
import { nodeCrypto } from '../../core/lazyNode';
import * as vscode from 'vscode';

export type WebviewScript = 'report' | 'transcript';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, script: WebviewScript, title: string, initialState: unknown): string {
  const nonce = nodeCrypto().randomBytes(18).toString('base64');
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
  const escapedTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
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
