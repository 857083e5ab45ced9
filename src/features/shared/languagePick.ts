// A language picker for any feature that asks for BCP-47 codes: common languages plus "Other…",
// single or multiple choice, re-asking with the reason while a selection cannot be used.
import * as vscode from 'vscode';
import { COMMON_LANGUAGES, isLanguageTag } from '../../core/vurbo/languages';

export interface LanguagePickOptions {
  title: string;
  many: boolean;
  preselect: readonly string[];
  exclude?: readonly string[];
  allowNone?: boolean;
  /** Why a selection cannot be used, or undefined when it can. */
  validate?: (codes: string[]) => string | undefined;
}

/** A language list; "Other…" takes any BCP-47 code. Loops until the selection is valid. */
export async function pickLanguages(o: LanguagePickOptions): Promise<string[] | undefined> {
  const known = COMMON_LANGUAGES.filter((l) => !o.exclude?.includes(l.code));
  const extra = o.preselect.filter((c) => !known.some((l) => l.code === c) && !o.exclude?.includes(c)).map((code) => ({ code, label: code }));
  const options = [...known, ...extra];
  let problem: string | undefined;
  let selection = [...o.preselect];
  for (;;) {
    const items = options.map((l) => ({ label: l.code, description: l.label, picked: selection.includes(l.code), code: l.code }));
    let codes: string[];
    const other = { label: `$(edit) ${vscode.l10n.t('Other language code…')}`, code: '' };
    if (o.many) {
      const picked = await vscode.window.showQuickPick([...items, { ...other, picked: false, description: '' }], {
        title: o.title,
        placeHolder: problem ?? (o.allowNone ? vscode.l10n.t('Tick languages, or none, then press Enter') : vscode.l10n.t('Tick languages, then press Enter')),
        canPickMany: true,
        ignoreFocusOut: true,
      });
      if (!picked) return undefined;
      codes = picked.filter((p) => p.code).map((p) => p.code);
      if (picked.some((p) => !p.code)) {
        const typed = await askCode();
        if (typed === undefined) continue;
        options.push({ code: typed, label: typed });
        codes.push(typed);
      }
    } else {
      const picked = await vscode.window.showQuickPick([...items, other], {
        title: o.title,
        placeHolder: problem ?? vscode.l10n.t('Pick one language'),
        ignoreFocusOut: true,
      });
      if (!picked) return undefined;
      const code = picked.code || (await askCode());
      if (!code) continue;
      codes = [code];
    }
    selection = codes;
    if (codes.length === 0 && !o.allowNone) {
      problem = vscode.l10n.t('Pick at least one language.');
      continue;
    }
    problem = o.validate?.(codes);
    if (!problem) return codes;
  }
}

function askCode(): Thenable<string | undefined> {
  return vscode.window
    .showInputBox({
      title: vscode.l10n.t('Language code'),
      prompt: vscode.l10n.t('A BCP-47 code such as en-US, zh-TW or pt-BR.'),
      validateInput: (v) => (isLanguageTag(v.trim()) ? undefined : vscode.l10n.t('Use a code such as en-US.')),
    })
    .then((v) => v?.trim());
}
