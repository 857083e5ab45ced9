// The API Explorer in real VS Code: the catalogue view, Try It → Send on GET /api/v1/tasks with the
// JSON read in the response editor, a history SSE stream in the event table (a webview), Copy as
// Python run with python3 against the emulator, a `.http` file aimed at another origin refused the
// key with nothing sent, Copy as Code from the palette on the selected task, the WebSocket console,
// Show Raw Events behind a history transcript, and completion and hover in a `.http` file.
// SPEECH_API_README_SCREENSHOTS=1 npm run test:e2e -- test/e2e/explorer.e2e.ts also writes the README's
// media/screenshots/event-table.png from the history stream's table.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateVurboKey } from '../../src/emulator/keys';
import { REPO_ROOT } from './support/codeServer';
import { useVsCode } from './harness';
import { CONTAINER, setApiKey } from './speechApi';
import { LIMITS, TEST_TIMEOUTS } from './support/limits';

const EXPLORER = 'API Explorer';

describe('API Explorer: catalogue, requests, responses, the event table, copy as code', function () {
  const key = generateVurboKey();
  const vscode = useVsCode({ emulator: { keys: { vurbo: key } } });

  function taskId(title: string): string {
    const t = vscode.emulator.vurbo.tasksOf(key).find((x) => x.title === title);
    assert.ok(t, `the emulator has a task "${title}"`);
    return String(t.task_id);
  }

  /** Writes a `.http` file into the workspace and opens it. */
  async function openHttpFile(name: string, text: string): Promise<void> {
    fs.writeFileSync(path.join(vscode.workspaceDir, name), text);
    await vscode.workbench.openFile(name);
  }

  /** Clicks a CodeLens of the active editor ("Send Request", "Copy as Code"). */
  async function clickCodeLens(title: string): Promise<void> {
    const lens = vscode.page.locator('.part.editor .editor-group-container.active .codelens-decoration a', { hasText: title }).first();
    await lens.waitFor({ state: 'visible', timeout: LIMITS.roundTrip });
    await lens.click();
  }

  /** The text of the editor whose tab is active and titled `tab` (select all + copy). */
  async function editorText(tab: string | RegExp): Promise<string> {
    const { page } = vscode;
    const group = page
      .locator('.part.editor .editor-group-container')
      .filter({ has: page.locator('.tab.active', { hasText: tab }) })
      .first();
    await group.waitFor({ state: 'visible', timeout: LIMITS.roundTrip });
    await group.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+C');
    return page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  }

  before(async function () {
    this.timeout(TEST_TIMEOUTS.test);
    await setApiKey(vscode.workbench, 'vurbo', key);
    await vscode.workbench.clearNotifications();
    await vscode.workbench.openViewContainer(CONTAINER);
    // The explorer's rows need the side bar's height: fold the list views above it.
    for (const title of ['Valossa Jobs', 'Vurbo Tasks']) {
      const header = (await vscode.workbench.view(title)).locator('.pane-header').first();
      await header.click();
      await vscode.workbench.poll(async () => (await header.getAttribute('aria-expanded')) === 'false', `${title} folded`);
    }
  });

  it('lists the catalogue by provider and area, the docs status in the tooltip', async () => {
    const { workbench } = vscode;
    await workbench.waitForTreeItem(EXPLORER, 'Vurbo.ai VAS');
    await workbench.clickTreeItem(EXPLORER, 'Tasks');
    await workbench.waitForTreeItem(EXPLORER, 'GET /api/v1/tasks');
    const rows = await workbench.treeItems(EXPLORER);
    assert.ok(
      rows.some((r) => r.label === 'Valossa Core' && r.depth === 1),
      rows.map((r) => r.label).join(' | '),
    );
    assert.ok(rows.some((r) => r.label === 'PUT /api/v1/tasks/{taskId}/pin' && r.depth === 3));
    const tooltip = await workbench.treeItemTooltip(EXPLORER, 'GET /api/v1/tasks');
    assert.match(tooltip, /DOCUMENTED/);
    assert.match(tooltip, /X-API-Key header/);
  });

  it('Try It opens GET /api/v1/tasks as a request; Send shows the JSON in a read-only editor', async () => {
    const { workbench, page, emulator } = vscode;
    const row = await workbench.waitForTreeItem(EXPLORER, 'GET /api/v1/tasks');
    await row.hover();
    await row.locator('.actions .action-label[aria-label="Try It"]').click();
    const mark = emulator.server.accessLog.length;
    await clickCodeLens('Send Request');
    const text = await editorText(/GET-200/);
    // The head is comments of a JSONC document: the JSON checker finds nothing wrong in it.
    assert.match(text, /^\/\/ GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/tasks\?status=all\n\/\/ Status: 200 · Time: \d+ ms · Size: [\d.]+ (B|KB)\n/);
    const body = JSON.parse(text.slice(text.indexOf('\n{')));
    const titles = JSON.stringify(body);
    for (const t of emulator.vurbo.tasksOf(key)) assert.ok(titles.includes(String(t.title)), `the response lists "${t.title}"`);
    const sent = emulator.server.accessLog.slice(mark).filter((e) => e.url.startsWith('/api/v1/tasks'));
    assert.equal(sent.length, 1, 'one request');
    assert.equal(sent[0].headers['x-api-key'], key, 'with the key of this origin');
    assert.ok(!(await workbench.text()).includes(key), 'the key is never on screen');
    assert.deepEqual(
      (await workbench.problems()).map((p) => `${p.file}: ${p.message}`),
      [],
      'no problem reported in the response',
    );
    // Close the Try It request without saving it.
    await page.locator('.part.editor .tab', { hasText: 'Untitled-1' }).click();
    await workbench.runCommand('View: Revert and Close Editor');
    await page.locator('.part.editor .tab', { hasText: 'Untitled-1' }).waitFor({ state: 'hidden' });
  });

  it('streams a history SSE response into the event table: rows, the full JSON on click', async () => {
    const { workbench, emulator } = vscode;
    const id = taskId('Weekly product review');
    await workbench.runCommand('View: Close All Editors');
    await openHttpFile(
      'history.http',
      `@baseUrl = ${emulator.vurboBaseUrl}\n\n###\nGET {{baseUrl}}/api/v1/sse/history/transcribe/${id}\nX-API-Key: {{vurboKey}}\n`,
    );
    await clickCodeLens('Send Request');
    const table = workbench.webview();
    const status = table.locator('#count');
    let seen = '';
    await workbench.poll(
      async () => /^\d+ events · ended · HTTP 200$/.test((seen = (await status.innerText().catch(() => '')).trim())),
      'the stream to end in the event table',
      LIMITS.flow,
      () => `status: "${seen}"`,
    );
    const count = Number(/^(\d+)/.exec(seen)![1]);
    const rows = table.locator('tr.row');
    assert.equal(await rows.count(), count);
    const names = await rows.locator('td:nth-child(2)').allInnerTexts();
    assert.ok(names.filter((n) => n === 'entry').length >= 8 && names.includes('summary'), names.join(' | '));
    await rows.first().click();
    const detail = table.locator('#detail');
    await detail.waitFor({ state: 'visible' });
    JSON.parse(await detail.innerText());
    assert.ok((await workbench.webviewText()).includes('Good morning everyone'), 'the sentence text is in the table');
    // The filter hides the rows of other events.
    await table.locator('#filter').fill(names[0]);
    await workbench.poll(
      async () => (await table.locator('tr.row:visible').count()) === names.filter((n) => n.includes(names[0])).length,
      'the filter to hide other events',
    );
    if (process.env.SPEECH_API_README_SCREENSHOTS) {
      await table.locator('#filter').fill('');
      await workbench.runCommand('View: Hide Panel');
      await rows.nth(2).click();
      await workbench.screenshot('event-table', { path: path.join(REPO_ROOT, 'media/screenshots/event-table.png') });
    }
  });

  it('copies GET /api/v1/tasks as Python, which runs with python3 against the emulator', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench, page, emulator } = vscode;
    await workbench.runCommand('View: Close All Editors');
    await openHttpFile('tasks.http', `@baseUrl = ${emulator.vurboBaseUrl}\n\n###\nGET {{baseUrl}}/api/v1/tasks\nX-API-Key: {{vurboKey}}\n`);
    await clickCodeLens('Copy as Code');
    await workbench.pickQuickPickItem('Python (requests)');
    await workbench.waitForNotification(/Copied as Python \(requests\); it reads the key from \$VURBO_API_KEY/);
    const code = await page.evaluate(() =>
      (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
    );
    assert.ok(!code.includes(key), 'the key is not in the code');
    assert.match(code, /os\.environ\["VURBO_API_KEY"\]/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-py-')), 'tasks.py');
    fs.writeFileSync(file, code);
    const mark = emulator.server.accessLog.length;
    // Asynchronously: the emulator answering it runs in this process.
    const { stdout: out } = await promisify(execFile)('python3', [file], {
      env: { ...process.env, VURBO_API_KEY: key },
      encoding: 'utf8',
      timeout: LIMITS.roundTrip,
    });
    assert.match(out, /^200\n/);
    assert.ok(out.includes('Weekly product review'), out.slice(0, 300));
    assert.equal(emulator.server.accessLog.slice(mark).filter((e) => e.url === '/api/v1/tasks').length, 1);
  });

  it('refuses the key to a .http file whose host is not the key’s origin, and sends nothing', async () => {
    const { workbench, emulator } = vscode;
    await workbench.runCommand('View: Close All Editors');
    await workbench.clearNotifications();
    // The same emulator by another name: reachable, so "nothing sent" is a real observation.
    const other = emulator.vurboBaseUrl.replace('127.0.0.1', 'localhost');
    await openHttpFile('elsewhere.http', `@baseUrl = ${other}\n\n###\nGET {{baseUrl}}/api/v1/tasks\nX-API-Key: {{vurboKey}}\n`);
    const mark = emulator.server.accessLog.length;
    await clickCodeLens('Send Request');
    const refused = await workbench.waitForNotification(
      /No key was sent: this request goes to http:\/\/localhost:\d+, but your Vurbo\.ai VAS key is stored for http:\/\/127\.0\.0\.1:\d+/,
    );
    assert.equal(refused.severity, 'error');
    assert.deepEqual(
      emulator.server.accessLog.slice(mark).map((e) => `${e.method} ${e.url}`),
      [],
      'nothing reached the server',
    );
  });
  it('Copy as Code from the Command Palette copies the request behind the selected task row', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench, page, emulator } = vscode;
    await workbench.runCommand('View: Close All Editors');
    await workbench.clickTreeItem('Vurbo Tasks', 'Weekly product review');
    await workbench.runCommand('Speech API: Copy as Code…');
    await workbench.waitForQuickInput({ title: 'Copy which request?' });
    await workbench.pickQuickPickItem(`GET /api/v1/sse/history/transcribe/${taskId('Weekly product review')}`);
    await workbench.pickQuickPickItem('curl');
    await workbench.waitForNotification(/Copied as curl; it reads the key from \$VURBO_API_KEY/);
    const code = await page.evaluate(() =>
      (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
    );
    assert.match(code, /^curl -N /);
    assert.ok(code.includes(`${emulator.vurboBaseUrl}/api/v1/sse/history/transcribe/${taskId('Weekly product review')}`), code);
    assert.ok(code.includes('${VURBO_API_KEY}') && !code.includes(key), code);
  });
  it('the WebSocket console fetches a ticket, opens /ws, sends JSON actions from the snippets and logs both ways', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench, emulator } = vscode;
    await workbench.runCommand('View: Close All Editors');
    const mark = emulator.server.accessLog.length;
    await workbench.runCommand('Speech API: Open WebSocket Console');
    const wsc = workbench.webview();
    await workbench.poll(
      async () =>
        (await wsc
          .locator('#state')
          .innerText()
          .catch(() => '')) === 'open',
      'the console to connect',
      LIMITS.roundTrip,
      () => '',
    );
    const log = emulator.server.accessLog.slice(mark).map((e) => e);
    assert.ok(
      log.some((e) => e.method === 'POST' && e.url === '/api/v1/auth/ticket' && e.headers['x-api-key'] === key),
      'a ticket fetched with the key',
    );
    const upgrade = log.find((e) => e.url.startsWith('/ws'));
    assert.ok(upgrade && upgrade.headers['x-api-key'] === undefined && !upgrade.url.includes(key), 'the socket carries the ticket only');
    // Bad input gets a sentence and sends nothing.
    await wsc.locator('#box').fill('{"type": ');
    await wsc.locator('#send').click();
    await wsc.locator('#problem', { hasText: /^Not valid JSON: / }).waitFor();
    assert.equal(await wsc.locator('tr.row.out').count(), 0);
    // The documented start action from the snippets.
    await wsc.locator('#snippet').selectOption('0');
    assert.match(await wsc.locator('#box').inputValue(), /"action": "start"/);
    await wsc.locator('#send').click();
    const started = wsc.locator('tr.row.in', { hasText: 'session_started' });
    await started.waitFor({ timeout: LIMITS.roundTrip });
    assert.equal(await wsc.locator('tr.row.out', { hasText: 'start' }).count(), 1);
    await started.click();
    assert.match(await wsc.locator('#detail').innerText(), /"task_id": "[0-9a-f-]{36}"/);
    const text = await workbench.webviewText();
    assert.ok(!text.includes(key), 'no key in the log');
    await wsc.locator('#snippet').selectOption({ label: 'stop — stop; upload, processing and summary follow (payload assumed)' });
    await wsc.locator('#send').click();
    await wsc.locator('tr.row.out', { hasText: '"stop"' }).waitFor();
    await wsc
      .locator('tr.row.in', { hasText: /task_complete|status/ })
      .first()
      .waitFor({ timeout: LIMITS.flow });
  });
  it('Show Raw Events opens the event table behind a task’s history transcript', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench } = vscode;
    await workbench.runCommand('View: Close All Editors');
    await workbench.treeItemContextMenu('Vurbo Tasks', 'Engineering standup', 'Show Task Transcript');
    let channel = '';
    await workbench.poll(
      async () => (channel = await workbench.outputChannelText('Vurbo: Engineering standup')).includes('— Finished.'),
      'the transcript to finish',
      LIMITS.flow,
      () => channel.slice(-200),
    );
    await workbench.runCommand('Speech API: Show Raw Events');
    await workbench.waitForQuickInput({ title: 'Show the raw events of which stream?' });
    await workbench.pickQuickPickItem('History · Engineering standup');
    const table = workbench.webview();
    let seen = '';
    await workbench.poll(
      async () =>
        /^\d+ events · ended$/.test(
          (seen = (
            await table
              .locator('#count')
              .innerText()
              .catch(() => '')
          ).trim()),
        ),
      'the raw events of the ended stream',
      LIMITS.roundTrip,
      () => `status: "${seen}"`,
    );
    const names = await table.locator('tr.row td:nth-child(2)').allInnerTexts();
    assert.equal(names.length, Number(/^(\d+)/.exec(seen)![1]));
    assert.deepEqual([names[0], names.at(-1)], ['connected', 'done'], names.join(' | '));
    assert.ok(names.includes('entry'), names.join(' | '));
    // The table's text and the channel's agree on the first sentence.
    const first = /\] [^:]+: (.{20})/.exec(channel)?.[1] ?? '';
    assert.ok(first && (await workbench.webviewText()).includes(first), `the raw data holds "${first}"`);
    assert.ok(!(await workbench.webviewText()).includes(key));
  });
  it('completes query parameter names from the catalogue and hovers the endpoint in a .http file', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench, page, emulator } = vscode;
    await workbench.runCommand('View: Close All Editors');
    await openHttpFile('assist.http', `@baseUrl = ${emulator.vurboBaseUrl}\n\n###\nGET {{baseUrl}}/api/v1/tasks?\nX-API-Key: {{vurboKey}}\n`);
    await workbench.goToLineColumn(4, 30);
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'status' }).first();
    await workbench.poll(
      async () => {
        await page.keyboard.press('Control+Space');
        return suggestion.waitFor({ state: 'visible', timeout: LIMITS.attempt }).then(
          () => true,
          () => false,
        );
      },
      'the completion list with "status"',
      LIMITS.ui,
    );
    const offered = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
    assert.equal(offered.length, 1, offered.join(' | '));
    await page.keyboard.press('Enter');
    const line = page.locator('.part.editor .monaco-editor .view-line', { hasText: 'GET {{baseUrl}}' }).first();
    await workbench.poll(async () => (await line.innerText()).replace(/\u00a0/g, ' ').includes('/api/v1/tasks?status='), 'the parameter name inserted');
    await workbench.goToLineColumn(4, 22);
    await workbench.runCommand('Show or Focus Hover');
    const hover = page.locator('.monaco-hover', { hasText: 'List tasks' }).first();
    await hover.waitFor({ state: 'visible', timeout: LIMITS.ui });
    assert.match(await hover.innerText(), /DOCUMENTED[\s\S]*X-API-Key header[\s\S]*status/);
    await page.keyboard.press('Escape');
  });
});
