// The key scanner as a team uses it, in real VS Code: `.speech-api-scan.json` (a rule switched off, a
// custom rule) and a baseline apply to open files exactly as they do in the CLI, a baselined key stays
// accepted when it moves, and "Scan Git History for Keys" finds a key that was committed and deleted,
// lists it in its own view and opens the file as it was in that commit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { baselineOf, fingerprint, formatBaseline, keyDigest } from '../../src/core/scan';
import { generateVurboKey } from '../../src/emulator/keys';
import { useVsCode, type Problem } from './harness';
import { LIMITS } from './support/limits';

const SOURCE = 'Speech API';
const HISTORY_VIEW = 'Keys in Git History';

/** A key of the company's own format, made up at run time. */
function acmeKey(): string {
  return `acme_${Array.from({ length: 16 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('')}`;
}

describe('key scanner for teams: config file, baseline, git history', function () {
  const accepted = generateVurboKey();
  const leaked = generateVurboKey();
  const custom = acmeKey();
  const baselined = baselineOf([
    {
      ruleId: 'vurbo-api-key',
      fingerprintPath: 'src/accepted.ts',
      fingerprint: fingerprint({ ruleId: 'vurbo-api-key', path: 'src/accepted.ts', keyDigest: keyDigest(accepted) }),
    },
  ]);
  const vscode = useVsCode({
    git: true,
    files: {
      '.speech-api-scan.json': JSON.stringify(
        {
          baseline: '.speech-api-scan-baseline.json',
          customRules: [{ id: 'acme', message: 'Hard-coded ACME key', regex: 'acme_[a-z0-9]{16}', severity: 'error' }],
        },
        null,
        2,
      ),
      '.speech-api-scan-baseline.json': formatBaseline(baselined),
      'src/accepted.ts': `// the sandbox key of the docs\nexport const key = "${accepted}";\n`,
      'src/acme.ts': `export const acme = "${custom}";\n`,
    },
    settings: { 'files.autoSave': 'off' },
  });
  // A fresh machine has no git identity: the commits name one of their own.
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', ...args], { cwd: vscode.workspaceDir, encoding: 'utf8' });

  async function ours(): Promise<Problem[]> {
    return (await vscode.workbench.problems()).filter((p) => p.source === SOURCE || p.ariaLabel.includes(SOURCE));
  }

  async function waitForProblems(what: string, check: (problems: Problem[]) => boolean): Promise<Problem[]> {
    let last: Problem[] = [];
    await vscode.workbench.poll(
      async () => check((last = await ours())),
      what,
      LIMITS.roundTrip,
      () => JSON.stringify(last.map((p) => [p.file, p.code, p.severity, p.message])),
    );
    return last;
  }

  it("shows a baselined key as Information, accepted in the baseline, and a custom rule's finding as an error", async () => {
    await vscode.workbench.openFile('src/accepted.ts');
    await vscode.workbench.openFile('src/acme.ts');
    const problems = await waitForProblems('both files in Problems', (ps) => ps.some((p) => p.file === 'accepted.ts') && ps.some((p) => p.file === 'acme.ts'));
    const base = problems.find((p) => p.file === 'accepted.ts')!;
    assert.equal(base.severity, 'info');
    assert.match(base.message, /accepted in the baseline/i);
    const acme = problems.find((p) => p.file === 'acme.ts')!;
    assert.equal(acme.severity, 'error');
    assert.equal(acme.code, 'custom/acme');
    assert.match(acme.message, /Hard-coded ACME key/);
    assert.ok(problems.every((p) => !p.message.includes(accepted) && !p.message.includes(custom)));
  });

  it('keeps the baselined key accepted when it moves down the file, and flags it again once the baseline no longer lists it', async () => {
    const file = path.join(vscode.workspaceDir, 'src/accepted.ts');
    // Edited on disk, as a teammate's pull would: three new lines above the key, the comment changed.
    fs.writeFileSync(file, `// the sandbox key, documented\nconst a = 1;\nconst b = 2;\nconst c = 3;\nexport const key = "${accepted}";\n`);
    await waitForProblems('the moved key, still accepted', (ps) => ps.some((p) => p.file === 'accepted.ts' && p.line === 5 && p.severity === 'info'));
    fs.writeFileSync(path.join(vscode.workspaceDir, '.speech-api-scan-baseline.json'), formatBaseline({ version: 1, entries: [] }));
    const problems = await waitForProblems('the key, no longer baselined', (ps) => ps.some((p) => p.file === 'accepted.ts' && p.severity === 'error'));
    assert.ok(!problems.find((p) => p.file === 'accepted.ts')!.message.includes('baseline'));
  });

  it('finds a key that was committed and then deleted, in its own view, and opens the file at that commit', async function () {
    fs.writeFileSync(path.join(vscode.workspaceDir, 'deploy.env'), `VURBO_API_KEY=${leaked}\n`);
    git('add', 'deploy.env');
    git('commit', '-q', '-m', 'add deploy settings');
    git('rm', '-q', 'deploy.env');
    git('commit', '-q', '-m', 'remove the key again');
    await vscode.workbench.clearNotifications();
    await vscode.workbench.runCommand('Speech API: Scan Git History for Keys');
    const note = await vscode.workbench.waitForNotification(/^Git history: \d+ leaked keys? in \d+ commits/, { timeoutMs: LIMITS.flow });
    assert.match(note.message, /removed since but still leaked/);
    const row = await vscode.workbench.waitForTreeItem(HISTORY_VIEW, /^deploy\.env:1$/);
    const rows = await vscode.workbench.treeItems(HISTORY_VIEW);
    const item = rows.find((r) => r.label === 'deploy.env:1')!;
    assert.match(item.description, /removed, still leaked/);
    assert.ok(rows.every((r) => !r.label.includes(leaked) && !r.description.includes(leaked)));
    await row.click();
    await vscode.page.locator('.part.editor .tab.active', { hasText: 'deploy.env' }).waitFor({ state: 'visible', timeout: LIMITS.ui });
    const text = await vscode.page.locator('.part.editor .monaco-editor .view-lines').first().innerText();
    assert.match(text, /VURBO_API_KEY=vas_/, 'the file as it was in the commit that added the key');
  });
});
