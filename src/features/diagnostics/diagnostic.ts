// Turning findings into VS Code diagnostics, and recognising ours again in code-action requests.
import * as vscode from 'vscode';
import { describeFinding, isRuleId, type Finding, type GitStatus, type RuleId, type Severity } from '../../core/scan';

export const SOURCE = 'Speech API';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function findingRange(f: Finding): vscode.Range {
  return new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1);
}

/** `docs` is where the diagnostic's code links to (the README section on key detection). */
export function toDiagnostic(f: Finding, status: GitStatus, severity: Severity, docs: vscode.Uri, baselined = false): vscode.Diagnostic {
  const message = describeFinding(f, status) + (baselined ? ` ${vscode.l10n.t('(Accepted in the baseline.)')}` : '');
  const d = new vscode.Diagnostic(findingRange(f), message, SEVERITY[severity]);
  d.source = SOURCE;
  d.code = { value: f.ruleId, target: docs };
  return d;
}

/** The rule of one of our diagnostics, or undefined for anyone else's. */
export function ruleOf(d: vscode.Diagnostic): RuleId | undefined {
  if (d.source !== SOURCE) return undefined;
  const value = typeof d.code === 'object' && d.code ? d.code.value : d.code;
  return isRuleId(value) ? value : undefined;
}
