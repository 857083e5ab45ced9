// Hovering a flagged key explains what was found, why it matters and what the fixes do.
import * as vscode from 'vscode';
import { OFFICIAL_ORIGINS } from '../../core/keyVerify';
import { PROVIDERS } from '../../core/providers';
import { keyDigest, keyOf, ruleText, type Finding } from '../../core/scan';
import { findingRange } from './diagnostic';
import { COMMAND } from '../shared/commandIds';
import type { FindingRef } from './fixCommands';
import type { KeyHistoryModel } from './history/model';
import { alsoInHistoryText } from './history/presentation';
import type { ScanConfigs } from './scanConfigs';

export class KeyHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly findingsOf: (doc: vscode.TextDocument) => readonly Finding[],
    private readonly configs: ScanConfigs,
    private readonly history: KeyHistoryModel,
  ) {}

  // The diagnostic's own message (committed or not) shows just above this in the same hover.
  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const f = this.findingsOf(doc).find((x) => findingRange(x).contains(position));
    if (!f) return undefined;
    const rule = ruleText(f.ruleId, this.configs.forFile(doc.uri).config.customRules);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [COMMAND.diagnostics.rotateKey, COMMAND.diagnostics.checkKeyLive, 'editor.action.quickFix'] };
    md.appendMarkdown(`**${vscode.l10n.t('Speech API: {0}', rule.title)}** \`${f.ruleId}\`\n\n`);
    md.appendMarkdown(rule.help + '\n\n');
    md.appendMarkdown(
      vscode.l10n.t(
        'Quick fixes: read the key from `{0}` and store it in Secret Storage, add the file to `.gitignore`, or allow it with a `speech-api-allow-next-line` comment.',
        PROVIDERS[f.provider].keyEnvVar,
      ) + '\n\n',
    );
    const inHistory = this.history.scanned ? this.history.sameKey(f.ruleId, keyDigest(keyOf(doc.getText(), f))) : [];
    if (inHistory.length) md.appendMarkdown(`$(history) ${alsoInHistoryText(inHistory)}\n\n`);
    const rotateArgs = encodeURIComponent(JSON.stringify([f.provider]));
    const ref: FindingRef = { uri: doc.uri.toString(), line: f.line - 1, start: f.column - 1, end: f.endColumn - 1, provider: f.provider };
    const liveArgs = encodeURIComponent(JSON.stringify([ref]));
    md.appendMarkdown(
      `[$(wrench) ${vscode.l10n.t('Show Fixes')}](command:editor.action.quickFix) · [$(key) ${vscode.l10n.t('Rotate this key')}](command:${COMMAND.diagnostics.rotateKey}?${rotateArgs})`,
    );
    md.appendMarkdown(
      ` · [$(pulse) ${vscode.l10n.t('Check whether this key is live')}](command:${COMMAND.diagnostics.checkKeyLive}?${liveArgs} "${vscode.l10n.t('Sends the key only to {0}', OFFICIAL_ORIGINS[f.provider])}")`,
    );
    return new vscode.Hover(md, findingRange(f));
  }
}
