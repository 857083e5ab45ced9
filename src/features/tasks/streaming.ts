// Runs one Vurbo SSE stream into a transcript output while it is listed with the running streams:
// Stop Stream aborts it, reconnects are noted in the channel, and the output is flushed at the end.
import { nodeCrypto } from '../../core/lazyNode';
import * as vscode from 'vscode';
import type { TranscriptEvent } from '../../core/transcript/model';
import type { SseOutcome, SseStreamOptions } from '../../core/vurbo/sse';
import type { StreamRegistry, TranscriptOutput } from '../shared/streams';
import { errorText } from '../shared/errors';
import { abortOnCancel } from '../shared/progress';

export type StreamStarter = (options: SseStreamOptions) => Promise<SseOutcome>;

export function idleTimeoutMs(): number {
  return Math.round(vscode.workspace.getConfiguration('speechApi.vurbo').get<number>('streamIdleTimeoutSeconds', 60) * 1000);
}

/**
 * Follows `start` into `output`. Resolves with the outcome (also when stopped by the user) and
 * rejects with the stream's error after writing it to the channel.
 */
export interface RunStreamOptions extends Partial<SseStreamOptions> {
  /** Events the channel should not show (a follow-up stream's own "Connected" and "Finished"). */
  hide?: (event: TranscriptEvent) => boolean;
}

export async function runStream(
  streams: StreamRegistry,
  label: string,
  output: TranscriptOutput,
  start: StreamStarter,
  extra: RunStreamOptions = {},
  cancel?: vscode.CancellationToken,
): Promise<SseOutcome> {
  // Cancel (the caller's progress) and Stop Stream end the stream the same way.
  const cancellation = abortOnCancel(cancel);
  const id = `sse:${nodeCrypto().randomUUID()}`;
  const registration = streams.add({ id, label, kind: 'sse', stop: () => cancellation.abort() });
  try {
    const outcome = await start({
      idleTimeoutMs: idleTimeoutMs(),
      ...extra,
      signal: cancellation.signal,
      onEvent: (e) => {
        if (!extra.hide?.(e)) output.apply(e);
        extra.onEvent?.(e);
      },
      onRawEvent: (e) => {
        streams.recordRaw(id, e);
        extra.onRawEvent?.(e);
      },
      onConnection: (s) => {
        if (s.state === 'reconnecting') {
          output.note(
            `— ${vscode.l10n.t('Connection lost ({0}). Reconnecting in {1} s{2}…', errorText(s.error), (s.delayMs / 1000).toFixed(1), s.lastEventId ? vscode.l10n.t(', resuming after event {0}', s.lastEventId) : '')}`,
          );
        }
        extra.onConnection?.(s);
      },
    });
    if (outcome.reason === 'cancelled') output.note(`— ${vscode.l10n.t('Stopped.')}`);
    else if (outcome.reason === 'closed') output.note(`— ${vscode.l10n.t('The server closed the stream without a final event.')}`);
    return outcome;
  } catch (e) {
    output.note(`✖ ${errorText(e)}`);
    throw e;
  } finally {
    output.flush();
    cancellation.dispose();
    registration.dispose();
  }
}
