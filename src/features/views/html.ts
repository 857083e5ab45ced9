// The one HTML shell of both webviews: a strict Content-Security-Policy (nothing remote, scripts and
// styles only with this page's nonce, media only from the panel's resource roots: the viewer's audio),
// the bundled script and stylesheet written into the page, and the state to start from when the
// webview has none yet.
import fs from 'node:fs';
import * as vscode from 'vscode';
import { escapeHtml, scriptJson, webviewNonce } from '../shared/webviewSecurity';

export type WebviewScript = 'report' | 'transcript';

function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

const assets = new Map<string, { stamp: string; text: string }>();

/**
 * A bundled file's text for the page itself: two fewer requests through the webview's service
 * worker, ≈ 40 ms sooner to the page's first script (medians of 8 opens in code-server). Read again
 * when the file changed (a watch build).
 */
function inlineAsset(file: string): string {
  const stat = fs.statSync(file);
  const stamp = `${stat.mtimeMs}:${stat.size}`;
  const cached = assets.get(file);
  if (cached?.stamp === stamp) return cached.text;
  const text = fs.readFileSync(file, 'utf8');
  // Nothing in it may end its element early (`</script`, `</style`) or put the parser into a
  // script's escaped state (`<!--`). Where a bundle can hold them — strings, templates, regular
  // expressions — `<\/` and `<\x21--` read the same.
  const safe = file.endsWith('.css') ? text.replace(/<\/(style)/gi, '<\\/$1') : text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\x21--');
  assets.set(file, { stamp, text: safe });
  return safe;
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, script: WebviewScript, title: string, initialState: unknown): string {
  const nonce = webviewNonce();
  const root = webviewRoot(extensionUri);
  const escapedTitle = escapeHtml(title);
  let js: string;
  let css: string;
  try {
    js = inlineAsset(vscode.Uri.joinPath(root, `${script}.js`).fsPath);
    css = inlineAsset(vscode.Uri.joinPath(root, 'views.css').fsPath);
  } catch (e) {
    // A broken install: say so in the page instead of leaving it blank.
    const why = escapeHtml(
      vscode.l10n.t(
        'This view cannot open: its files are missing from the extension ({0}). Reinstall Speech API Explorer.',
        e instanceof Error ? e.message : String(e),
      ),
    );
    return `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>${escapedTitle}</title></head><body><p role="alert">${why}</p></body></html>`;
  }
  const csp = ["default-src 'none'", `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `media-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${css}</style>
<title>${escapedTitle}</title>
</head>
<body>
<main id="root" aria-busy="true"><p class="muted">${escapedTitle} …</p></main>
<script nonce="${nonce}">window.initialState = ${scriptJson(initialState)};</script>
<script nonce="${nonce}">${js}</script>
</body>
</html>`;
}
