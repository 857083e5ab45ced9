// Runtime strings stay localisable: notifications in the extension (src/extension.ts, src/features)
// take their message from vscode.l10n.t (directly or through a variable), never from a bare string
// or template literal; and every l10n.t message is a plain string literal, so it can be extracted
// into a bundle (`{0}` placeholders, no `${…}`). A regex over the source text: simple on purpose.
// It does not follow aliases such as `const show = vscode.window.showWarningMessage; show('…')`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.isFile() && e.name.endsWith('.ts') ? [p] : [];
  });
}

const files = [path.join(root, 'src/extension.ts'), ...tsFiles(path.join(root, 'src/features'))];

interface Hit {
  at: string;
  code: string;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Notification calls whose first argument is a string or template literal. */
function literalNotifications(text: string, file = '<text>'): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.matchAll(/\bshow(?:Information|Warning|Error)Message\s*\(\s*(['"`])/g)) {
    hits.push({ at: `${file}:${lineOf(text, m.index)}`, code: text.slice(m.index, m.index + 80).replace(/\s+/g, ' ') });
  }
  return hits;
}

/** l10n.t calls whose first argument is not a plain '…' or "…" literal (a template, a variable, a call). */
function nonLiteralMessages(text: string, file = '<text>'): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.matchAll(/\bl10n\.t\s*\(\s*(\S)/g)) {
    if (m[1] === "'" || m[1] === '"') continue;
    hits.push({ at: `${file}:${lineOf(text, m.index)}`, code: text.slice(m.index, m.index + 80).replace(/\s+/g, ' ') });
  }
  return hits;
}

describe('l10n', () => {
  const sources = files.map((f) => ({ file: path.relative(root, f), text: fs.readFileSync(f, 'utf8') }));

  it('reads the extension and its features', () => {
    assert.ok(sources.length > 30, `only ${sources.length} files found`);
    assert.ok(sources.some((s) => s.text.includes('vscode.l10n.t(')));
  });

  it('flags a literal message and accepts l10n.t or a variable (the check itself)', () => {
    const bad = [
      "vscode.window.showInformationMessage('Done.')",
      'vscode.window.showWarningMessage("Careful.", "OK")',
      'void vscode.window.showErrorMessage(\n  `Failed: ${why}`,\n)',
    ];
    for (const code of bad) assert.equal(literalNotifications(code).length, 1, code);
    const good = [
      "vscode.window.showInformationMessage(vscode.l10n.t('Done.'))",
      "vscode.window.showWarningMessage(\n  vscode.l10n.t('{0} failed.', what),\n  stopButton,\n)",
      'vscode.window.showErrorMessage(message, ...buttons)',
    ];
    for (const code of good) assert.deepEqual(literalNotifications(code), [], code);
    assert.equal(nonLiteralMessages('vscode.l10n.t(`Found ${n}`)').length, 1);
    assert.equal(nonLiteralMessages('vscode.l10n.t(message)').length, 1);
    assert.deepEqual(nonLiteralMessages("vscode.l10n.t('Found {0}', n)"), []);
  });

  it('shows no notification whose message is a string or template literal', () => {
    const hits = sources.flatMap((s) => literalNotifications(s.text, s.file));
    assert.deepEqual(hits, [], 'wrap the message in vscode.l10n.t(…) (placeholders {0}, {1}, … for values)');
  });

  it('gives l10n.t plain string literals only, so the messages can be extracted', () => {
    const hits = sources.flatMap((s) => nonLiteralMessages(s.text, s.file));
    assert.deepEqual(hits, [], "the first argument of l10n.t must be a '…' literal with {0}-style placeholders");
  });
});
