// The split between core and features for error wording: the core catalogue speaks neutral English
// (CLI, logs) and names no part of the UI; features/shared/errorMessages.ts words every code for the
// user through vscode.l10n.t. Loaded against bench/fakeVscode (the real `vscode` exists only in the
// extension host), whose l10n.t is replaced here by one that marks what it produced.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, errorCatalogue } from '../../src/core/errors';
import { installFakeVscode } from '../../bench/fakeVscode';

const MARK = '\u27e6l10n\u27e7';
const fake = installFakeVscode() as { l10n: { t: (message: string, ...args: unknown[]) => string } };
fake.l10n.t = (message, ...args) => MARK + message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));
// Loaded only now: it imports `vscode`.
const { localizedMessage } = require('../../src/features/shared/errorMessages') as typeof import('../../src/features/shared/errorMessages');

const nls = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.nls.json'), 'utf8')) as Record<string, string>;
const commandTitles = Object.entries(nls)
  .filter(([key]) => /^command\..+\.title$/.test(key))
  .map(([, title]) => title);
const viewNames = Object.entries(nls)
  .filter(([key]) => /^view\.[^.]+\.name$/.test(key))
  .map(([, name]) => name);
const codes = [...errorCatalogue().keys()];
const SERVER_WORDS = 'zq the server words no sentence has';

describe('error messages: core codes, localized words', () => {
  it('reads the catalogue and the manifest strings', () => {
    assert.ok(codes.length > 50, `${codes.length} codes`);
    assert.ok(commandTitles.includes('Set API Key…') && viewNames.includes('Vurbo Tasks'));
  });

  it('words every catalogue code through l10n.t: no code falls back to the core English', () => {
    const fallsBack = codes.filter((code) => !localizedMessage(new ApiError({ provider: 'any', code })).startsWith(MARK));
    assert.deepEqual(fallsBack, []);
  });

  it('falls back to the core English (with the server words and the code) for a code it does not know', () => {
    const e = new ApiError({ provider: 'vurbo', code: 'brand_new_code', serverMessage: 'Something new' });
    assert.equal(localizedMessage(e), e.message);
    assert.match(e.message, /Something new \(brand_new_code\)/);
  });

  it('keeps the core catalogue free of view names and command titles', () => {
    const ui = [...commandTitles.map((t) => t.replace(/…$/, '')), ...viewNames].map((s) => s.toLowerCase());
    const naming = [...errorCatalogue().values()]
      .filter((e) => /\bviews?\b|Speech API:/i.test(e.message) || ui.some((s) => e.message.toLowerCase().includes(s)))
      .map((e) => `${e.code}: ${e.message}`);
    assert.deepEqual(naming, []);
  });

  it('names only commands and views that exist when it names any', () => {
    const texts = codes.map((code) => localizedMessage(new ApiError({ provider: 'any', code })));
    const commands = texts.flatMap((t) => [...t.matchAll(/"Speech API: ([^"]+)"/g)].map((m) => m[1]));
    const views = texts.flatMap((t) => [...t.matchAll(/the ([A-Z][\w ]+?) view\b/g)].map((m) => m[1]));
    assert.ok(commands.length > 0 && views.length > 0, 'some sentences name the UI');
    for (const c of commands) assert.ok(commandTitles.includes(c), `no command is titled "${c}"`);
    for (const v of views) assert.ok(viewNames.includes(v), `no view is named "${v}"`);
  });

  it('keeps the server words wherever the core message quotes them', () => {
    let quoted = 0;
    for (const code of codes) {
      const e = new ApiError({ provider: 'any', code, serverMessage: SERVER_WORDS });
      if (!e.message.includes(SERVER_WORDS)) continue;
      quoted++;
      const text = localizedMessage(e);
      assert.ok(text.startsWith(MARK) && text.includes(`"${SERVER_WORDS}"`), `${code}: ${text}`);
    }
    assert.equal(quoted, codes.length, 'every known code quotes server words it does not already say');
  });

  it('does not repeat server words the sentence already says', () => {
    const e = new ApiError({ provider: 'vurbo', code: 'broadcast_ended', serverMessage: 'The broadcast has ended' });
    assert.equal(e.quotedServerMessage, undefined);
    assert.doesNotMatch(localizedMessage(e), /Server said/);
  });

  it('shows our own account (detail) as it was given, never the catalogue sentence', () => {
    const e = new ApiError({ provider: 'vurbo', code: 'no_key', detail: 'No Vurbo.ai VAS key is stored for http://127.0.0.1:9.', serverMessage: SERVER_WORDS });
    assert.equal(localizedMessage(e), 'No Vurbo.ai VAS key is stored for http://127.0.0.1:9.');
    assert.equal(e.message, localizedMessage(e));
  });
});
