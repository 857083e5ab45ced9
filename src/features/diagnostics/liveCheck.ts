// "Check whether this key is live" from a finding's hover: the core verifier's one read-only call,
// always to the provider's official host (never the configured base URL), and the verdict in words.
// The key is read from the document at the finding and goes nowhere else; only the verdict is logged.
import * as vscode from 'vscode';
import { KeyVerifier, type Verdict } from '../../core/keyVerify';
import { PROVIDERS } from '../../core/providers';
import { keyOf, type Finding } from '../../core/scan';
import type { Commands } from '../shared/commands';
import { COMMAND } from '../shared/commandIds';
import type { Log } from '../shared/log';
import { showNotice } from '../shared/notice';
import { withCancellableProgress } from '../shared/progress';
import { createHttpClient } from '../shared/settings';
import type { FindingRef } from './fixCommands';

export class LiveKeyCheck {
  constructor(
    private readonly findingsOf: (doc: vscode.TextDocument) => readonly Finding[],
    private readonly log: Pick<Log, 'info' | 'trace'>,
  ) {}

  register(commands: Commands): vscode.Disposable[] {
    return [commands.register(COMMAND.diagnostics.checkKeyLive, vscode.l10n.t('Check whether this key is live'), (ref: FindingRef) => this.check(ref))];
  }

  async check(ref: FindingRef): Promise<Verdict | undefined> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
    const finding = this.findingsOf(doc).find((f) => f.line - 1 === ref.line && f.column - 1 === ref.start && f.endColumn - 1 === ref.end);
    if (!finding) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The key is no longer there: the file changed since the problem was reported.'));
      return undefined;
    }
    const provider = PROVIDERS[finding.provider];
    const verdict = await withCancellableProgress(vscode.l10n.t('Asking {0} whether the key works…', provider.label), (signal) =>
      new KeyVerifier({ concurrency: 1, signal, http: (p) => createHttpClient(p, this.log) }).verify(finding.provider, keyOf(doc.getText(), finding)),
    );
    this.log.info(`Live check of a ${finding.ruleId} finding: ${verdict.state}${verdict.code ? ` (${verdict.code})` : ''}`);
    const message = verdictMessage(verdict, provider.label);
    if (verdict.state !== 'live') {
      void vscode.window.showInformationMessage(message);
      return verdict;
    }
    void showNotice('warning', message, [
      { label: vscode.l10n.t('Rotate This Key…'), run: () => void vscode.env.openExternal(vscode.Uri.parse(provider.dashboardUrl)) },
    ]);
    return verdict;
  }
}

export function verdictMessage(verdict: Verdict, providerLabel: string): string {
  if (verdict.state === 'live') return vscode.l10n.t('Live: {0} accepts this key. Rotate it now, then remove it from the file.', providerLabel);
  if (verdict.state === 'rejected')
    return vscode.l10n.t('Rejected: {0} refuses this key ({1}). It no longer works, but remove it from the file.', providerLabel, verdict.code);
  return vscode.l10n.t('Unknown: {0} could not be asked ({1}). Try again later.', providerLabel, verdict.code);
}
