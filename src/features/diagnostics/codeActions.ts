// Quick fixes for our diagnostics, matched by diagnostic.code (the rule id): move the key to the
// environment (and into Secret Storage), git-ignore the file, allow the key here, rotate it.
import * as vscode from 'vscode';
import { PROVIDERS } from '../../core/providers';
import { allowCommentLine, envReadFix, isEnvFile, type Finding } from '../../core/scan';
import { findingRange, ruleOf } from './diagnostic';
import { COMMAND } from '../shared/commandIds';
import type { FindingRef } from './fixCommands';
import type { GitStatuses } from './gitStatus';

export class KeyFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly findingsOf: (doc: vscode.TextDocument) => readonly Finding[],
    private readonly git: GitStatuses,
  ) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => ruleOf(d));
    if (!ours.length) return [];
    const findings = this.findingsOf(doc);
    const status = doc.uri.scheme === 'file' ? await this.git.statusOf(doc.uri) : 'none';
    const actions: vscode.CodeAction[] = [];
    const offeredOnce = new Set<string>();
    for (const d of ours) {
      const f = findings.find((x) => x.ruleId === ruleOf(d) && findingRange(x).isEqual(d.range));
      if (!f) continue;
      const ref: FindingRef = { uri: doc.uri.toString(), line: f.line - 1, start: f.column - 1, end: f.endColumn - 1, provider: f.provider };
      const line = doc.lineAt(ref.line).text;
      const onDisk = doc.uri.scheme === 'file';

      if (isEnvFile(doc.fileName)) {
        if (onDisk)
          actions.push(
            this.command(
              d,
              vscode.l10n.t('Keep the key in this .env file: git-ignore the file and store the key in Secret Storage'),
              COMMAND.diagnostics.moveKeyToEnvironment,
              [ref],
              true,
            ),
          );
      } else {
        const fix = envReadFix(line, ref.start, ref.end, f.provider, doc.languageId, doc.fileName);
        if (fix)
          actions.push(
            this.command(d, vscode.l10n.t('{0} and store the key in Secret Storage', fix.title), COMMAND.diagnostics.moveKeyToEnvironment, [ref], true),
          );
      }

      if (onDisk && status !== 'ignored' && !offeredOnce.has('gitignore')) {
        offeredOnce.add('gitignore');
        actions.push(
          this.command(d, vscode.l10n.t('Add {0} to .gitignore', vscode.workspace.asRelativePath(doc.uri, false)), COMMAND.diagnostics.addToGitignore, [
            doc.uri.toString(),
          ]),
        );
      }

      const comment = allowCommentLine(line, ref.line > 0 ? doc.lineAt(ref.line - 1).text : undefined, doc.languageId, doc.fileName);
      if (comment !== undefined && !offeredOnce.has(`allow:${ref.line}`)) {
        offeredOnce.add(`allow:${ref.line}`);
        const action = new vscode.CodeAction(
          vscode.l10n.t('Allow the key on this line (insert a speech-api-allow-next-line comment)'),
          vscode.CodeActionKind.QuickFix,
        );
        action.diagnostics = [d];
        action.edit = new vscode.WorkspaceEdit();
        action.edit.insert(doc.uri, new vscode.Position(ref.line, 0), comment + (doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'));
        actions.push(action);
      }

      if (!offeredOnce.has(`rotate:${f.provider}`)) {
        offeredOnce.add(`rotate:${f.provider}`);
        actions.push(
          this.command(d, vscode.l10n.t('Rotate this key in the {0} dashboard', PROVIDERS[f.provider].label), COMMAND.diagnostics.rotateKey, [f.provider]),
        );
      }
    }
    return actions;
  }

  private command(d: vscode.Diagnostic, title: string, command: string, args: unknown[], preferred = false): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [d];
    action.command = { title, command, arguments: args };
    action.isPreferred = preferred;
    return action;
  }
}
