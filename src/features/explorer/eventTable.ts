// The live event table of an SSE response: time, event, id, size and a preview per row, the full
// data on click, a filter by event name, pause (rows wait) and stop, and export as JSON Lines.
import * as vscode from 'vscode';
import type { RawEvent } from '../../core/explorer/send';
import { Disposable } from '../shared/dispose';
import { escapeHtmlAll, scriptJson } from '../shared/webviewSecurity';
import { webviewPage } from './webviewPage';

export class EventTable extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly events: RawEvent[] = [];
  private readonly stopped = new vscode.EventEmitter<void>();
  /** The user pressed Stop or closed the table. */
  readonly onDidStop = this.stopped.event;

  constructor(title: string) {
    super();
    this.panel = this.register(
      vscode.window.createWebviewPanel(
        'speechApi.eventTable',
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [] },
      ),
    );
    this.register(this.stopped);
    this.panel.webview.html = html(title);
    this.register(this.panel.onDidDispose(() => (this.stopped.fire(), this.dispose())));
    this.register(
      this.panel.webview.onDidReceiveMessage(async (m: { type?: string }) => {
        if (m.type === 'stop') this.stopped.fire();
        if (m.type === 'export') await this.export();
      }),
    );
  }

  add(e: RawEvent): void {
    this.events.push(e);
    void this.panel.webview.postMessage({ type: 'event', event: e });
  }

  end(note: string): void {
    void this.panel.webview.postMessage({ type: 'ended', note });
  }

  private async export(): Promise<void> {
    const target = await vscode.window.showSaveDialog({ filters: { [vscode.l10n.t('JSON Lines')]: ['jsonl'] }, saveLabel: vscode.l10n.t('Export') });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(this.events.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8'));
  }
}

function html(title: string): string {
  const t = {
    filter: vscode.l10n.t('Filter by event name'),
    pause: vscode.l10n.t('Pause'),
    resume: vscode.l10n.t('Resume'),
    stop: vscode.l10n.t('Stop'),
    exportJsonl: vscode.l10n.t('Export JSON Lines'),
    time: vscode.l10n.t('Time'),
    event: vscode.l10n.t('Event'),
    id: vscode.l10n.t('Id'),
    size: vscode.l10n.t('Size'),
    data: vscode.l10n.t('Data'),
    waiting: vscode.l10n.t('Waiting for events…'),
    count: vscode.l10n.t('{0} events'),
  };
  const h = escapeHtmlAll(t);
  const body = `<div class="bar"><input id="filter" placeholder="${h.filter}" aria-label="${h.filter}"><button id="pause">${h.pause}</button><button id="stop">${h.stop}</button><button id="export">${h.exportJsonl}</button><span id="count" role="status">${h.waiting}</span></div>
<table><thead><tr><th>${h.time}</th><th>${h.event}</th><th>${h.id}</th><th>${h.size}</th><th>${h.data}</th></tr></thead><tbody id="rows"></tbody></table>
<pre id="detail" hidden></pre>`;
  const script = `
const rows = document.getElementById('rows'), detail = document.getElementById('detail'), count = document.getElementById('count');
const filter = document.getElementById('filter'), pause = document.getElementById('pause');
const all = []; let paused = false; const waiting = []; let ended = '';
const countText = ${scriptJson(t.count)};
function visible(e){ const f = filter.value.trim().toLowerCase(); return !f || e.event.toLowerCase().includes(f); }
function addRow(e, i){
  const tr = document.createElement('tr'); tr.className = 'row'; tr.dataset.index = i; tr.dataset.event = e.event; tr.hidden = !visible(e);
  const cells = [new Date(e.time).toISOString().slice(11, 23), e.event, e.id ?? '', new TextEncoder().encode(e.data).length, e.data.slice(0, 120)];
  cells.forEach((c, j) => { const td = document.createElement('td'); td.textContent = String(c); if (j === 4) td.className = 'data'; tr.appendChild(td); });
  tr.onclick = () => { document.querySelectorAll('tr.sel').forEach((r) => r.classList.remove('sel')); tr.classList.add('sel'); detail.hidden = false; detail.textContent = pretty(e.data); };
  rows.appendChild(tr);
}
function status(){ count.textContent = countText.replace('{0}', all.length) + (ended ? ' · ' + ended : ''); }
window.addEventListener('message', (m) => {
  const msg = m.data;
  if (msg.type === 'event') { all.push(msg.event); if (paused) waiting.push(all.length - 1); else addRow(msg.event, all.length - 1); status(); }
  if (msg.type === 'ended') { ended = msg.note; status(); }
});
filter.oninput = () => rows.querySelectorAll('tr').forEach((tr) => tr.hidden = !visible(all[tr.dataset.index]));
pause.onclick = () => { paused = !paused; pause.textContent = paused ? ${scriptJson(t.resume)} : ${scriptJson(t.pause)}; if (!paused) waiting.splice(0).forEach((i) => addRow(all[i], i)); };
document.getElementById('stop').onclick = () => vscode.postMessage({ type: 'stop' });
document.getElementById('export').onclick = () => vscode.postMessage({ type: 'export' });`;
  return webviewPage({ title, body, script });
}
