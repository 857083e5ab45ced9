// Copy as Code: a request behind the selected node — picked from the node's useful reads and last
// call — as curl, Python (requests) or JavaScript (fetch). The key is read from $VALOSSA_API_KEY /
// $VURBO_API_KEY, so the code is safe to paste anywhere. `speechApi.copyAsCurl` skips the language pick.
import * as vscode from 'vscode';
import { keyVariable, toCode } from '../../core/explorer/codegen';
import type { ApiRequest } from '../../core/explorer/request';
import { COMMAND } from '../shared/commandIds';
import { copyRequestAs, pickLanguage } from '../shared/copyAsCode';
import type { CurlSource, LabelledRequest } from '../shared/curl';
import type { FeatureDeps } from '../shared/feature';

/** The views whose rows can be copied as code. */
export interface CurlLinks {
  readonly sources: readonly CurlSource[];
}

async function pickRequest(requests: readonly LabelledRequest[]): Promise<ApiRequest | undefined> {
  if (requests.length === 1) return requests[0].request;
  const picked = await vscode.window.showQuickPick(
    requests.map((r) => ({
      label: r.last ? `↺ ${r.label}` : r.label,
      description: r.last ? vscode.l10n.t('last call') : r.request.response === 'sse' ? vscode.l10n.t('stream') : undefined,
      r,
    })),
    { title: vscode.l10n.t('Copy which request?') },
  );
  return picked?.r.request;
}

export function registerCopyAsCurl(context: vscode.ExtensionContext, deps: Pick<FeatureDeps, 'commands'> & CurlLinks): void {
  const requestsOf = (clicked: unknown) => {
    // From the Command Palette nothing is clicked: the first selected row of a view that has one counts.
    const element = clicked ?? deps.sources.map((s) => s.selection()[0]).find((n) => n !== undefined);
    const requests = deps.sources.map((s) => s.requestsFor(element)).find((r) => r !== undefined);
    if (!requests?.length)
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Nothing to copy yet: select a job, task or broadcast in the Speech API view after it has made a request.'),
      );
    return requests?.length ? requests : undefined;
  };
  context.subscriptions.push(
    // The old command, kept as it was: the node's last call (or its first useful read) as curl.
    deps.commands.register(COMMAND.curl.copy, vscode.l10n.t('Copy as curl'), async (element?: unknown) => {
      const requests = requestsOf(element);
      if (!requests) return;
      const request = (requests.find((r) => r.last) ?? requests[0]).request;
      await vscode.env.clipboard.writeText(toCode('curl', request));
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied a curl command; it reads the key from ${0}.', keyVariable(request)));
    }),
    deps.commands.register(COMMAND.curl.copyAsCode, vscode.l10n.t('Copy as Code'), async (element?: unknown) => {
      const requests = requestsOf(element);
      const request = requests && (await pickRequest(requests));
      const language = request && (await pickLanguage());
      if (request && language) await copyRequestAs(language, request);
    }),
  );
}
