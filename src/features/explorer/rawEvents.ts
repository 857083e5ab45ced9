// Show Raw Events: the event table for a stream the extension runs (history, retranslation, import
// progress, live session, broadcast viewer), filled with what the registry's tap kept and then live
// until the stream ends. Stop in the table stops the stream.
import * as vscode from 'vscode';
import type { RecordedStream, StreamRegistry } from '../shared/streams';
import { EventTable } from './eventTable';

async function pickStream(streams: StreamRegistry, id?: string): Promise<RecordedStream | undefined> {
  const all = streams.recorded();
  if (id) return all.find((s) => s.id === id);
  if (!all.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No stream has run yet: open a transcript, a retranslation, an import, a live session or a broadcast first.'),
    );
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((s) => ({
      label: s.label,
      description: `${s.running ? vscode.l10n.t('running') : vscode.l10n.t('ended')} · ${vscode.l10n.t('{0} events', s.events.length + s.dropped)}`,
      s,
    })),
    { title: vscode.l10n.t('Show the raw events of which stream?') },
  );
  return picked?.s;
}

/** Opens the table; resolves with it (for tests and callers that add to it). */
export async function showRawEvents(streams: StreamRegistry, id?: string): Promise<EventTable | undefined> {
  const stream = await pickStream(streams, id);
  if (!stream) return undefined;
  const table = new EventTable(vscode.l10n.t('Raw Events · {0}', stream.label));
  for (const e of stream.events) table.add(e);
  const ended = () => table.end(stream.dropped ? vscode.l10n.t('ended · the first {0} not kept', stream.dropped) : vscode.l10n.t('ended'));
  if (!stream.running) {
    ended();
    return table;
  }
  const live = streams.onDidRecordRaw((r) => r.id === stream.id && table.add(r.event));
  const finished = streams.onDidChange(() => {
    if (streams.list().some((s) => s.id === stream.id)) return;
    ended();
    live.dispose();
    finished.dispose();
  });
  table.onDidStop(() => {
    streams
      .list()
      .find((s) => s.id === stream.id)
      ?.stop();
    live.dispose();
    finished.dispose();
  });
  return table;
}
