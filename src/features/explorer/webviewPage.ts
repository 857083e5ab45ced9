// The frame of the explorer's webviews (event table, WebSocket console): a strict CSP whose nonce
// admits the page's one style and one script element, the theme's colours, and the shared table,
// bar and detail styles.
import { escapeHtml, webviewNonce } from '../shared/webviewSecurity';

export function webviewPage(o: { title: string; body: string; script: string }): string {
  const nonce = webviewNonce();
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<title>${escapeHtml(o.title)}</title>
<style nonce="${nonce}">
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 8px}
.bar{display:flex;flex-wrap:wrap;gap:6px;align-items:center;position:sticky;top:0;background:var(--vscode-editor-background);padding:6px 0}
input,textarea,select{background:var(--vscode-input-background);color:var(--vscode-input-foreground);border:1px solid var(--vscode-input-border,transparent);padding:3px}
input{flex:1} textarea{width:100%;box-sizing:border-box;font-family:var(--vscode-editor-font-family);font-size:12px}
button{background:var(--vscode-button-background);color:var(--vscode-button-foreground);border:0;padding:4px 10px;cursor:pointer;white-space:nowrap}
[role=status]{white-space:nowrap}
table{border-collapse:collapse;width:100%;font-family:var(--vscode-editor-font-family);font-size:12px}
th,td{text-align:left;padding:2px 6px;border-bottom:1px solid var(--vscode-panel-border);white-space:nowrap}
td.data{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:40vw}
tr.row{cursor:pointer} tr.row:hover{background:var(--vscode-list-hoverBackground)} tr.sel{background:var(--vscode-list-activeSelectionBackground)}
pre{background:var(--vscode-textCodeBlock-background);padding:6px;white-space:pre-wrap;word-break:break-all}
.error{color:var(--vscode-errorForeground)}
</style></head><body>
${o.body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
function pretty(d){ try { return JSON.stringify(JSON.parse(d), null, 2); } catch { return d; } }
${o.script}
</script></body></html>`;
}
