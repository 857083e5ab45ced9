// Watching a broadcast as a viewer: share link or token → public info → password (when required) →
// language → the caption stream in an output channel, listed with the running streams. No API key
// is involved: the viewer endpoints take none, so none is sent.
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import type { HttpClient } from '../../core/http/client';
import { redactor } from '../../core/redact';
import {
  getViewerInfo,
  parseShareInput,
  verifyViewerPassword,
  watchBroadcastStream,
  type ShareTarget,
  type ViewerBroadcastInfo,
} from '../../core/vurbo/broadcasts';
import { languageLabel } from '../../core/vurbo/languages';
import type { FeatureDeps } from '../shared/feature';
import { confirmedBase, type HostSource } from '../shared/hosts';
import { createHttpClient } from '../shared/settings';
import { errorText } from '../shared/errors';

export type WatchDeps = Pick<FeatureDeps, 'streams' | 'outputs' | 'log' | 'errors'> & { connections: { readonly hosts: HostSource } };

const MAX_PASSWORD_TRIES = 5;

/** The whole viewer flow. `input` is a share link or token; `knownPassword` skips the prompt (the host's own broadcast). */
export async function watchBroadcast(deps: WatchDeps, input?: string | ShareTarget, knownPassword?: string): Promise<void> {
  const target = typeof input === 'object' ? input : await askTarget(input);
  if (!target) return;
  // A pasted link names its host itself; a bare token goes to the configured host, which gets the
  // broadcast password, so a host named by a workspace setting is confirmed first.
  const base = target.origin ?? (await confirmedBase(deps.connections.hosts, 'vurbo'))?.baseUrl;
  if (!base) return;
  // Viewer endpoints take no key: this client never has one to send.
  const http = createHttpClient('vurbo', deps.log);
  const info = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking up broadcast {0}…', target.token) },
    () => getViewerInfo(http, base, target.token),
  );

  let accessToken: string | undefined;
  let password = knownPassword;
  if (info.requiresPassword) {
    const granted = await askPassword(http, base, target.token, info, password);
    if (!granted) return;
    ({ accessToken, password } = granted);
  }

  const lang = await pickLanguage(info);
  if (lang === undefined) return;

  const output = deps.outputs.open(`Vurbo Broadcast: ${info.name}`);
  const abort = new AbortController();
  const streamId = `broadcast:${target.token}:${Date.now()}`;
  const registration = deps.streams.add({ id: streamId, label: vscode.l10n.t('Broadcast · {0}', info.name), kind: 'broadcast', stop: () => abort.abort() });
  output.note(
    vscode.l10n.t(
      'Watching "{0}" ({1}) from {2}{3}. {4}',
      info.name,
      target.token,
      base,
      lang ? vscode.l10n.t(', captions translated to {0}', languageLabel(lang)) : '',
      info.isLive ? vscode.l10n.t('It is live.') : vscode.l10n.t('It is {0}; captions appear when the host goes live.', info.status),
    ),
  );
  output.show();
  deps.log.info(`Watching broadcast ${target.token} at ${base}.`);
  try {
    const outcome = await watchBroadcastStream({
      http,
      baseUrl: base,
      token: target.token,
      lang: lang || undefined,
      accessToken,
      signal: abort.signal,
      // The viewer token may expire during a long broadcast: renew it with the password given earlier.
      reauthorize: password ? async () => (await verifyViewerPassword(http, base, target.token, password!)).token : undefined,
      onEvent: (e) => output.apply(e),
      onRawEvent: (e) => deps.streams.recordRaw(streamId, e),
      onConnection: (c) => {
        if (c.state === 'reconnecting')
          output.note(vscode.l10n.t('Connection lost ({0}); reconnecting in {1} s…', errorText(c.error), (c.delayMs / 1000).toFixed(1)));
      },
    });
    output.note(
      outcome.reason === 'cancelled'
        ? vscode.l10n.t('Stopped watching.')
        : outcome.reason === 'done'
          ? vscode.l10n.t('The stream ended.')
          : vscode.l10n.t('The server closed the stream.'),
    );
  } catch (e) {
    output.note(vscode.l10n.t('Stopped: {0}', errorText(e)));
    await deps.errors.show(vscode.l10n.t('Watch broadcast {0}', target.token), e);
  } finally {
    if (accessToken) redactor.removeSecret(accessToken);
    output.apply({ kind: 'end', reason: abort.signal.aborted ? 'stopped' : 'ended' });
    output.flush();
    registration.dispose();
  }
}

async function askTarget(initial?: string): Promise<ShareTarget | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Watch Broadcast'),
    prompt: vscode.l10n.t('Paste the share link (…/broadcast/a3f9) or type its 4-character token. No API key is needed to watch.'),
    placeHolder: vscode.l10n.t('{0} or {1}', 'https://vas-poc.vurbo.ai/broadcast/a3f9', 'a3f9'),
    value: initial,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? undefined : typeof parseShareInput(v) === 'string' ? (parseShareInput(v) as string) : undefined),
  });
  if (!value?.trim()) return undefined;
  const parsed = parseShareInput(value);
  return typeof parsed === 'string' ? undefined : parsed;
}

async function askPassword(
  http: HttpClient,
  base: string,
  token: string,
  info: ViewerBroadcastInfo,
  known: string | undefined,
): Promise<{ accessToken: string; password: string } | undefined> {
  let problem: string | undefined;
  let password = known;
  for (let i = 0; i < MAX_PASSWORD_TRIES; i++) {
    password ??= await vscode.window.showInputBox({
      title: vscode.l10n.t('"{0}" is password-protected', info.name),
      prompt: problem ?? vscode.l10n.t('Enter the password the host gave you.'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v ? undefined : vscode.l10n.t('Enter the password.')),
    });
    if (!password) return undefined;
    try {
      const access = await verifyViewerPassword(http, base, token, password);
      return { accessToken: access.token, password };
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 'broadcast_password_invalid') throw e;
      problem = vscode.l10n.t('{0} Try again.', errorText(e));
      password = undefined;
    }
  }
  throw new ApiError({ provider: 'vurbo', code: 'broadcast_password_invalid' });
}

/** '' = every translation; undefined = cancelled. */
async function pickLanguage(info: ViewerBroadcastInfo): Promise<string | undefined> {
  if (info.translationLanguages.length === 0) return '';
  const items = [
    { label: vscode.l10n.t('All languages'), description: vscode.l10n.t('the original and every translation'), lang: '' },
    ...info.translationLanguages.map((l) => ({ label: languageLabel(l), description: l, lang: l })),
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Watch "{0}": caption language', info.name),
    placeHolder: vscode.l10n.t('Spoken in {0}; pick a translation', languageLabel(info.transcriptionLanguage ?? '') || vscode.l10n.t('an unknown language')),
    ignoreFocusOut: true,
  });
  return pick?.lang;
}
