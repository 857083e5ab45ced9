// The live WebSocket console: fetches a one-time ticket with the key of the configured origin, opens
// `/ws` with it, and shows every message in and out (redacted) with a box to send JSON actions and
// the documented actions as snippets. The socket closes with the panel.
import * as vscode from 'vscode';
import { parseOutgoing, wsSnippets } from '../../core/explorer/wsSnippets';
import { redact } from '../../core/redact';
import { fetchTicket } from '../../core/vurbo/live/ticket';
import { openLiveSocket, type LiveSocket } from '../../core/vurbo/live/socket';
import type { ConnectionSource } from '../shared/connection';
import { Disposable } from '../shared/dispose';
import type { StreamRegistry } from '../shared/streams';
import { escapeHtml, escapeHtmlAll, scriptJson } from '../shared/webviewSecurity';
import { webviewPage } from './webviewPage';
import { outgoingProblemText } from './presentation';

interface WsLogEntry {
  readonly time: number;
  readonly direction: 'in' | 'out' | 'note';
  /** Redacted. */
  readonly text: string;
}

export class WebSocketConsole extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  private socket: LiveSocket | undefined;

  private constructor() {
    super();
    this.panel = this.register(
      vscode.window.createWebviewPanel(
        'speechApi.wsConsole',
        vscode.l10n.t('WebSocket · /ws'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [] },
      ),
    );
    this.panel.webview.html = html();
    this.register(this.panel.onDidDispose(() => this.dispose()));
    this.register(this.panel.webview.onDidReceiveMessage((m: { type?: string; text?: string }) => m.type === 'send' && this.send(String(m.text ?? ''))));
    this.register({ dispose: () => this.socket?.close(1000, 'console closed') });
  }

  /** Opens the panel, then the socket: ticket first (the key never goes to /ws). */
  static async open(deps: { connections: ConnectionSource; streams: StreamRegistry }): Promise<WebSocketConsole> {
    const conn = await deps.connections.connect('vurbo');
    const wsc = new WebSocketConsole();
    try {
      wsc.note(vscode.l10n.t('Fetching a one-time ticket from {0}…', conn.origin));
      const grant = await fetchTicket({ baseUrl: conn.baseUrl, key: conn.key, http: conn.http });
      wsc.note(vscode.l10n.t('Ticket received (valid {0} s); connecting…', grant.expiresInSeconds));
      const socket = await openLiveSocket(conn.baseUrl, grant.ticket);
      wsc.socket = socket;
      const running = wsc.register(
        deps.streams.add({ id: `explorer-ws:${Date.now()}`, label: vscode.l10n.t('WebSocket console'), kind: 'live', stop: () => wsc.dispose() }),
      );
      socket.attach({
        message: (text) => wsc.log('in', text),
        close: (code, reason) => {
          wsc.note(vscode.l10n.t('Closed: {0} {1}', code, reason));
          wsc.post({ type: 'closed' });
          running.dispose();
        },
        error: (e) => wsc.note(vscode.l10n.t('Error: {0}', e instanceof Error ? e.message : String(e))),
      });
      wsc.note(vscode.l10n.t('Connected to {0}/ws.', conn.origin));
      wsc.post({ type: 'open' });
    } catch (e) {
      wsc.note(vscode.l10n.t('Could not connect: {0}', e instanceof Error ? e.message : String(e)));
      throw e;
    }
    return wsc;
  }

  /** Sends one JSON message typed into the box (or given by a caller); refuses anything else. */
  send(text: string): boolean {
    const parsed = parseOutgoing(text);
    if (!parsed.ok) {
      this.post({ type: 'invalid', message: outgoingProblemText(parsed) });
      return false;
    }
    if (!this.socket?.isOpen) {
      this.post({ type: 'invalid', message: vscode.l10n.t('The socket is not open.') });
      return false;
    }
    this.socket.send(parsed.text);
    this.log('out', parsed.text);
    return true;
  }

  private log(direction: WsLogEntry['direction'], text: string): void {
    const entry = { time: Date.now(), direction, text: redact(text) };
    this.post({ type: 'entry', entry });
  }

  private note(text: string): void {
    this.log('note', text);
  }

  private post(message: unknown): void {
    void this.panel.webview.postMessage(message);
  }
}

function html(): string {
  const t = {
    snippet: vscode.l10n.t('Insert an action…'),
    send: vscode.l10n.t('Send'),
    message: vscode.l10n.t('JSON message to send'),
    time: vscode.l10n.t('Time'),
    dir: vscode.l10n.t('Direction'),
    action: vscode.l10n.t('Action'),
    size: vscode.l10n.t('Size'),
    data: vscode.l10n.t('Data'),
  };
  const snippets = wsSnippets().map((s) => ({
    label: `${s.action} — ${s.purpose}${s.status === 'documented' ? '' : ' (payload assumed)'}`,
    text: JSON.stringify(s.message, null, 2),
  }));
  const options = snippets.map((s, i) => `<option value="${i}">${escapeHtml(s.label)}</option>`).join('');
  const h = escapeHtmlAll(t);
  const body = `<div class="bar"><select id="snippet" aria-label="${h.snippet}"><option value="">${h.snippet}</option>${options}</select><button id="send" disabled>${h.send}</button><span id="state" role="status"></span></div>
<textarea id="box" rows="8" aria-label="${h.message}"></textarea><div id="problem" class="error" role="alert"></div>
<table><thead><tr><th>${h.time}</th><th>${h.dir}</th><th>${h.action}</th><th>${h.size}</th><th>${h.data}</th></tr></thead><tbody id="rows"></tbody></table>
<pre id="detail" hidden></pre>`;
  const script = `
const snippets = ${scriptJson(snippets)};
const rows = document.getElementById('rows'), detail = document.getElementById('detail'), box = document.getElementById('box');
const send = document.getElementById('send'), problem = document.getElementById('problem'), state = document.getElementById('state');
const arrows = { in: '←', out: '→', note: '·' };
function actionOf(text){ try { const m = JSON.parse(text); return (m.data && m.data.action) || m.type || ''; } catch { return ''; } }
document.getElementById('snippet').onchange = (e) => { const s = snippets[e.target.value]; if (s) box.value = s.text; e.target.value = ''; };
send.onclick = () => { problem.textContent = ''; vscode.postMessage({ type: 'send', text: box.value }); };
window.addEventListener('message', (m) => {
  const msg = m.data;
  if (msg.type === 'open') { send.disabled = false; state.textContent = ${scriptJson(vscode.l10n.t('open'))}; }
  if (msg.type === 'closed') { send.disabled = true; state.textContent = ${scriptJson(vscode.l10n.t('closed'))}; }
  if (msg.type === 'invalid') problem.textContent = msg.message;
  if (msg.type === 'entry') {
    const e = msg.entry, tr = document.createElement('tr'); tr.className = 'row ' + e.direction;
    const cells = [new Date(e.time).toISOString().slice(11, 23), arrows[e.direction] + ' ' + e.direction, e.direction === 'note' ? '' : actionOf(e.text), new TextEncoder().encode(e.text).length, e.text.slice(0, 120)];
    cells.forEach((c, j) => { const td = document.createElement('td'); td.textContent = String(c); if (j === 4) td.className = 'data'; tr.appendChild(td); });
    tr.onclick = () => { document.querySelectorAll('tr.sel').forEach((r) => r.classList.remove('sel')); tr.classList.add('sel'); detail.hidden = false; detail.textContent = pretty(e.text); };
    rows.appendChild(tr);
  }
});`;
  return webviewPage({ title: vscode.l10n.t('WebSocket · /ws'), body, script });
}
