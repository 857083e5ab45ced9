// The streams feature: output channels for transcripts, the running-streams status-bar item and the
// `speechApi.stopStream` command. Producers (tasks, live sessions, broadcasts) get the two interfaces.
import * as vscode from 'vscode';
import { COMMAND } from '../shared/commandIds';
import type { FeatureDeps } from '../shared/feature';
import type { StreamRegistry, TranscriptOutputFactory } from '../shared/streams';
import { TranscriptChannels } from './output';
import { RunningStreams } from './registry';

export interface StreamsApi {
  readonly streams: StreamRegistry;
  readonly outputs: TranscriptOutputFactory;
}

export function registerStreams(context: vscode.ExtensionContext, deps: Pick<FeatureDeps, 'commands'>): StreamsApi {
  const streams = new RunningStreams();
  const outputs = new TranscriptChannels();
  context.subscriptions.push(
    outputs,
    streams,
    // Stop one stream: by id (from other commands), the only one, or picked from the list.
    deps.commands.register(COMMAND.streams.stop, vscode.l10n.t('Stop stream'), async (id?: unknown) => {
      if (typeof id === 'string' && streams.stop(id)) return;
      const running = streams.list();
      if (running.length === 1) streams.stop(running[0].id);
      else await streams.pickAndStop();
    }),
    // The status-bar item: always lists them first.
    deps.commands.register(COMMAND.streams.showRunning, vscode.l10n.t('Running streams'), () => streams.pickAndStop()),
  );
  return { streams, outputs };
}
