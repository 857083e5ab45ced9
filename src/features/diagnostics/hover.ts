// Hovering a flagged key explains what was found, why it matters and what the fixes do.
import * as vscode from 'vscode';
import { PROVIDERS } from '../../core/providers';
import { describeFinding, RULES, type Finding } from '../../core/scan';
import { findingRange } from './diagnostic';
import { COMMANDS } from './fixCommands';
import type { GitStatuses } from './gitStatus';

export class KeyHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly findingsOf: (doc: vscode.TextDocument) => readonly Finding[],
    private readonly git: GitStatuses,
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const f = this.findingsOf(doc).find((x) => findingRange(x).contains(position));
    if (!f) return undefined;
    const rule = RULES[f.ruleId];
    const status = await this.git.statusOf(doc.uri);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [COMMANDS.rotate, 'editor.action.quickFix'] };
    md.appendMarkdown(`**${vscode.l10n.t('Speech API: {0}', rule.title)}** \`${f.ruleId}\`\n\n`);
    // Not appendText: it turns every space into &nbsp;, so the line could only wrap at "Hard-coded".
    md.appendMarkdown(escapeMarkdown(describeFinding(f, status)));
    md.appendMarkdown('\n\n');
    md.appendMarkdown(rule.help + '\n\n');
    md.appendMarkdown(
      vscode.l10n.t(
        'Quick fixes: read the key from `{0}` and store it in Secret Storage, add the file to `.gitignore`, or allow it with a `speech-api-allow-next-line` comment.',
        PROVIDERS[f.provider].keyEnvVar,
      ) + '\n\n',
    );
    const rotateArgs = encodeURIComponent(JSON.stringify([f.provider]));
    md.appendMarkdown(`[$(wrench) ${vscode.l10n.t('Show Fixes')}](command:editor.action.quickFix) · [$(key) ${vscode.l10n.t('Rotate this key')}](command:${COMMANDS.rotate}?${rotateArgs})`);
    return new vscode.Hover(md, findingRange(f));
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
