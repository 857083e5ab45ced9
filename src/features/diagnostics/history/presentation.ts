// How a historic finding reads in the "Keys in Git History" view (no tree types).
import * as vscode from 'vscode';
import type { CommitRef, ReportedFinding } from '../../../core/scan';
import { escapeMarkdown } from '../../shared/markdown';

export function shortCommit(ref: CommitRef): string {
  return ref.commit.slice(0, 8);
}

function day(ref: CommitRef): string {
  return ref.date.slice(0, 10);
}

/** "a1b2c3d4 · 2026-03-01 · 12 commits · removed" */
export function historyDescription(f: ReportedFinding): string {
  const h = f.history;
  if (!h) return f.ruleId;
  const commits = h.commits === 1 ? vscode.l10n.t('{0} commit', h.commits) : vscode.l10n.t('{0} commits', h.commits);
  return [shortCommit(h.first), day(h.first), commits, h.inWorkingTree ? vscode.l10n.t('still in the file') : vscode.l10n.t('removed, still leaked')].join(
    ' · ',
  );
}

export function historyTooltipMarkdown(f: ReportedFinding): string {
  const h = f.history;
  const lines = [`**${escapeMarkdown(f.message)}**`, `\`${escapeMarkdown(f.relPath)}:${f.line}\` · \`${f.ruleId}\``];
  if (h) {
    lines.push(vscode.l10n.t('First added in {0} on {1} by {2}', `\`${shortCommit(h.first)}\``, day(h.first), escapeMarkdown(h.first.author)));
    if (h.commits > 1) lines.push(vscode.l10n.t('Last added in {0} on {1}; {2} commits in all', `\`${shortCommit(h.last)}\``, day(h.last), h.commits));
    lines.push(
      h.inWorkingTree
        ? vscode.l10n.t('The file still holds the key.')
        : vscode.l10n.t('Deleting the line did not un-leak the key: anyone with the repository has it. Rotate it.'),
    );
  }
  lines.push('`' + escapeMarkdown(f.excerpt) + '`');
  lines.push(vscode.l10n.t('Fingerprint (for a baseline): {0}', `\`${f.fingerprint}\``));
  return lines.join('\n\n');
}

/** The hover line on a current finding whose key is also in history. */
export function alsoInHistoryText(found: readonly ReportedFinding[]): string {
  const first = found.map((f) => f.history!.first).sort((a, b) => (a.date < b.date ? -1 : 1))[0];
  const commits = found.reduce((n, f) => n + (f.history?.commits ?? 0), 0);
  return vscode.l10n.t(
    'This key is also in git history: first added in {0} on {1}, in {2} commit(s). Deleting it here does not un-leak it: rotate it.',
    shortCommit(first),
    day(first),
    commits,
  );
}
