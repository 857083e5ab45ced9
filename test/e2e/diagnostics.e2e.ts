// Hard-coded key detection as a user meets it in real VS Code: a key typed into a committed file shows up
// in the Problems panel as an error, each quick fix does what it says (environment read + Secret Storage,
// allow comment, .gitignore, rotate), a hover explains the finding, and the workspace scan finds keys in
// files that were never opened — including the live key the user stored.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateValossaKey, generateVurboKey } from '../../src/emulator/keys';
import { useVsCode, type Problem } from './harness';
import { testApiKey } from './speechApi';
import { LIMITS } from './support/limits';

const SOURCE = 'Speech API';

describe('hard-coded key detection', function () {
  const liveKey = generateVurboKey(); // the emulator accepts it: storing it through a quick fix is observable
  const otherKey = generateVurboKey();
  const valossaKey = generateValossaKey();
  const vscode = useVsCode({
    git: true,
    emulator: { keys: { vurbo: liveKey } },
    files: {
      '.gitignore': 'local.env\n',
      'src/app.ts': 'export const greeting = "hello";\n',
      'src/client.py': 'import requests\n\n\ndef tasks():\n    return requests.get("https://vas-poc.vurbo.ai/api/v1/tasks")\n',
      'deploy.env': `VURBO_API_KEY=${otherKey}\n`,
      'local.env': `VALOSSA_API_KEY=${valossaKey}\n`,
      'config/settings.py': `VALOSSA_API_KEY = "${valossaKey}"\n`,
      'assets/logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.from(`vas_${'A1b2'.repeat(8)}`)]),
    },
    settings: {
      // Typing goes in verbatim: no auto-closed quotes, no suggestion swallowing Enter.
      'editor.autoClosingQuotes': 'never',
      'editor.autoClosingBrackets': 'never',
      'editor.quickSuggestions': { other: false, comments: false, strings: false },
      'editor.suggestOnTriggerCharacters': false,
      'editor.acceptSuggestionOnEnter': 'off',
      'files.autoSave': 'off',
    },
  });

  const file = (rel: string) => path.join(vscode.workspaceDir, rel);
  const read = (rel: string) => fs.readFileSync(file(rel), 'utf8');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: vscode.workspaceDir, encoding: 'utf8' });

  async function ours(): Promise<Problem[]> {
    return (await vscode.workbench.problems()).filter((p) => p.source === SOURCE || p.ariaLabel.includes(SOURCE));
  }

  async function waitForProblems(what: string, check: (problems: Problem[]) => boolean, timeoutMs = LIMITS.roundTrip): Promise<Problem[]> {
    let last: Problem[] = [];
    await vscode.workbench.poll(
      async () => check((last = await ours())),
      what,
      timeoutMs,
      () => JSON.stringify(last.map((p) => [p.file, p.code, p.severity, p.line, p.column])),
    );
    return last;
  }

  const goTo = (line: number, column: number) => vscode.workbench.goToLineColumn(line, column);
  const quickFixes = () => vscode.workbench.quickFixes();
  const applyQuickFix = (title: string | RegExp) => vscode.workbench.applyQuickFix(title);

  async function save(): Promise<void> {
    await vscode.page.keyboard.press('ControlOrMeta+S');
    await vscode.page.locator('.part.editor .tab.active.dirty').waitFor({ state: 'detached', timeout: LIMITS.ui });
  }

  /** Opens a file and types at the end of it (the editor must keep what is typed verbatim). */
  async function typeAtEnd(rel: string, text: string): Promise<void> {
    const name = path.basename(rel);
    const tab = vscode.page.locator('.part.editor .tab', { hasText: name });
    if (await tab.count()) {
      await tab.first().click();
      await vscode.page.locator('.part.editor .tab.active', { hasText: name }).waitFor({ state: 'visible' });
    } else await vscode.workbench.openFile(rel);
    await vscode.page.locator('.part.editor .monaco-editor .view-lines').first().click();
    await vscode.page.keyboard.press('ControlOrMeta+End');
    await vscode.page.keyboard.type(text);
  }

  it('reports a key typed into a committed file as an error in the Problems panel, never showing the key', async () => {
    await typeAtEnd('src/app.ts', `const apiKey = "${liveKey}";`);
    const problems = await waitForProblems('the typed key in Problems', (ps) => ps.some((p) => p.file === 'app.ts'));
    const p = problems.find((x) => x.file === 'app.ts')!;
    assert.equal(p.code, 'vurbo-api-key');
    assert.equal(p.severity, 'error');
    assert.deepEqual([p.line, p.column], [2, 17]);
    assert.match(p.message, /Hard-coded Vurbo\.ai API key.*Committed key: git tracks this file/);
    assert.ok(!p.message.includes(liveKey) && !p.ariaLabel.includes(liveKey));
  });

  it('does not report git-ignored files, binaries, or files nobody opened (before a workspace scan)', async () => {
    const problems = await ours();
    assert.deepEqual([...new Set(problems.map((p) => p.file))], ['app.ts']);
  });

  it('explains the finding on hover', async () => {
    // Move the mouse onto the key, as a user does.
    await vscode.page.locator('.part.editor .monaco-editor .view-line span', { hasText: /vas_/ }).last().hover();
    const hover = vscode.page.locator('.monaco-hover:visible').filter({ hasText: 'Speech API: Hard-coded Vurbo.ai API key' }).first();
    await hover.waitFor({ state: 'visible' }).catch(async (e) => {
      throw new Error(`${e}; hovers shown: ${await vscode.page.locator('.monaco-hover:visible').allInnerTexts()}`);
    });
    const text = await hover.innerText();
    assert.match(text, /Committed key: git tracks this file/);
    assert.match(text, /Rotate this key/);
    assert.ok(!text.includes(liveKey));
    await vscode.page.keyboard.press('Escape');
  });

  it('offers every fix, and "read from the environment" replaces the literal and stores the key in Secret Storage', async () => {
    await goTo(2, 20);
    const offered = await quickFixes();
    await vscode.page.keyboard.press('Escape');
    for (const want of [
      /Read the key from the environment variable VURBO_API_KEY and store the key in Secret Storage/,
      /Add src\/app\.ts to \.gitignore/,
      /Allow the key on this line/,
      /Rotate this key in the Vurbo\.ai VAS dashboard/,
    ]) {
      assert.ok(
        offered.some((t) => want.test(t)),
        `${want} not in ${offered.join(' | ')}`,
      );
    }
    await applyQuickFix(/Read the key from the environment variable VURBO_API_KEY/);
    const done = await vscode.workbench.waitForNotification(
      /The key is now in Secret Storage for http:\/\/127\.0\.0\.1:\d+\. The code now reads VURBO_API_KEY/,
    );
    assert.ok(done.buttons.includes('Rotate Key'));
    // The fix rescans the file at once: the old diagnostic must not wait for the next keystroke.
    await waitForProblems('the finding to go away as soon as the fix is applied', (ps) => !ps.some((p) => p.file === 'app.ts'), LIMITS.attempt);
    await done.dismiss();
    await save();
    assert.equal(read('src/app.ts'), 'export const greeting = "hello";\nconst apiKey = process.env.VURBO_API_KEY;');
    await waitForProblems('the finding to go away', (ps) => !ps.some((p) => p.file === 'app.ts'));
    // The stored key is the one the emulator accepts: Test API Key passes.
    const test = await testApiKey(vscode.workbench, 'vurbo');
    assert.equal(test.severity, 'info', test.message);
    await vscode.workbench.clearNotifications();
  });

  it("inserts an allow comment in the file's comment syntax, once", async () => {
    await typeAtEnd('src/client.py', `\nVURBO_TEST_KEY = "${otherKey}"`);
    await waitForProblems('the Python key', (ps) => ps.some((p) => p.file === 'client.py' && p.code === 'vurbo-api-key'));
    await goTo(7, 22);
    await applyQuickFix(/Allow the key on this line/);
    await waitForProblems('the allowed key to disappear', (ps) => !ps.some((p) => p.file === 'client.py'));
    await save();
    assert.match(read('src/client.py'), /\n# speech-api-allow-next-line\nVURBO_TEST_KEY = "vas_/);
  });

  it('adds an untracked file to .gitignore (a warning before, nothing after)', async () => {
    fs.writeFileSync(file('notes.md'), `Try it with ${otherKey} quickly.\n`);
    await vscode.workbench.openFile('notes.md');
    const note = (await waitForProblems('the untracked key', (ps) => ps.some((p) => p.file === 'notes.md'))).find((p) => p.file === 'notes.md')!;
    assert.equal(note.severity, 'warning');
    assert.match(note.message, /not tracked by git yet/);
    await goTo(1, 15);
    await applyQuickFix(/Add notes\.md to \.gitignore/);
    await vscode.workbench.waitForNotification('Added /notes.md to .gitignore');
    await vscode.workbench.clearNotifications();
    assert.equal(read('.gitignore'), 'local.env\n/notes.md\n');
    await waitForProblems('the now-ignored file to be quiet', (ps) => !ps.some((p) => p.file === 'notes.md'));
  });

  it('keeps a committed .env as it is, git-ignores it, asks before replacing the stored key, and stops tracking it', async () => {
    await vscode.workbench.openFile('deploy.env');
    await waitForProblems('the committed .env key', (ps) => ps.some((p) => p.file === 'deploy.env' && p.severity === 'error'));
    await goTo(1, 20);
    await applyQuickFix(/Keep the key in this \.env file: git-ignore the file and store the key in Secret Storage/);
    const dialog = vscode.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /A different Vurbo\.ai VAS key is already stored for http:\/\/127\.0\.0\.1:\d+/);
    await dialog.locator('.monaco-button', { hasText: 'Keep Stored Key' }).click();
    const tracked = await vscode.workbench.waitForNotification(/deploy\.env is now in \.gitignore, but git still tracks it/);
    await tracked.click('Stop Tracking');
    await vscode.workbench.waitForNotification(/git no longer tracks deploy\.env/);
    await vscode.workbench.clearNotifications();
    assert.equal(read('deploy.env'), `VURBO_API_KEY=${otherKey}\n`, 'the .env keeps its value');
    assert.match(read('.gitignore'), /^\/deploy\.env$/m);
    assert.equal(git('ls-files', 'deploy.env').trim(), '');
    await waitForProblems('the untracked, ignored .env to be quiet', (ps) => !ps.some((p) => p.file === 'deploy.env'));
    // The stored key is still the first one.
    const test = await testApiKey(vscode.workbench, 'vurbo');
    assert.equal(test.severity, 'info', test.message);
    await vscode.workbench.clearNotifications();
  });

  it('"Rotate this key" opens the provider dashboard', async () => {
    await vscode.workbench.clearNotifications();
    await typeAtEnd('src/app.ts', `\nconst again = "${otherKey}";`);
    await waitForProblems('the new key', (ps) => ps.some((p) => p.file === 'app.ts'));
    await goTo(3, 18);
    await applyQuickFix(/Rotate this key in the Vurbo\.ai VAS dashboard/);
    // VS Code asks before opening an external site; the prompt names the dashboard.
    const dialog = vscode.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /https:\/\/vas-poc\.vurbo\.ai\/dashboard/);
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('scans the workspace: closed files are reported, the stored live key says so, ignored and binary files are not', async () => {
    fs.writeFileSync(file('backup.txt'), `old key: ${liveKey}\n`);
    git('add', 'backup.txt');
    await vscode.workbench.runCommand('Speech API: Scan Workspace for Hard-Coded API Keys');
    const summary = await vscode.workbench.waitForNotification(/^Found \d+ hard-coded API keys? in \d+ files?/, { timeoutMs: LIMITS.flow });
    assert.ok(summary.buttons.includes('Show Problems'));
    await summary.click('Show Problems');
    const problems = await waitForProblems(
      'the workspace scan results',
      (ps) => ps.some((p) => p.file === 'settings.py') && ps.some((p) => p.file === 'backup.txt'),
    );
    const settings = problems.find((p) => p.file === 'settings.py')!;
    assert.deepEqual([settings.code, settings.severity, settings.line, settings.column], ['api-key-env-assignment', 'error', 1, 20]);
    const backup = problems.find((p) => p.file === 'backup.txt')!;
    assert.equal(backup.code, 'stored-api-key');
    assert.equal(backup.severity, 'error');
    assert.match(
      backup.message,
      /This is your live Vurbo\.ai VAS API key stored in VS Code Secret Storage for http:\/\/127\.0\.0\.1:\d+\. About to be committed/,
    );
    const files = new Set(problems.map((p) => p.file));
    for (const quiet of ['local.env', 'logo.png', 'notes.md', 'deploy.env']) assert.ok(!files.has(quiet), `${quiet} should not be reported`);
    for (const p of problems) assert.ok(!p.message.includes(liveKey) && !p.message.includes(valossaKey) && !p.message.includes(otherKey));
  });
});
