// Import Audio: pick a local MP3/WAV/M4A file, check the monthly budget for its length first and
// show the numbers, pick languages (and optionally a summary template), upload it with byte
// progress (cancellable), then follow the import-progress stream until the task is ready.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { formatOffset } from '../../core/transcript/format';
import type { TranscriptEvent } from '../../core/transcript/model';
import { probeAudioFile } from '../../core/vurbo/audioDuration';
import { streamImportProgress } from '../../core/vurbo/sse';
import { IMPORT_CONTENT_TYPES, LIMITS, type QuotaCheck } from '../../core/vurbo/types';
import { pickLanguages } from '../shared/languagePick';
import type { StreamRegistry, TranscriptOutputFactory } from '../shared/streams';
import type { TasksModel } from './model';
import { runStream } from './streaming';

export interface ImportDeps {
  model: TasksModel;
  streams: StreamRegistry;
  outputs: TranscriptOutputFactory;
  state: vscode.Memento;
}

const LAST_LANGUAGES = 'speechApi.vurbo.importLanguages';
/** 128 kbit/s: the guess for a file whose header says nothing about its length. */
const FALLBACK_BYTES_PER_SECOND = 16_000;

function money(usd: number): string {
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

export function quotaSummary(q: QuotaCheck, durationMs: number, exact: boolean): string {
  const budget = q.isUnlimited || q.remainingBudget === null ? 'unlimited' : `${money(q.remainingBudget)} left${q.remainingMinutes !== null ? ` (about ${q.remainingMinutes} min of audio)` : ''}`;
  return `Length ${formatOffset(durationMs)}${exact ? '' : ' (estimated)'}, billed as ${q.durationMinutes} min: about ${money(q.estimatedCost)}.\nMonthly budget: ${budget}.`;
}

export async function importAudio(deps: ImportDeps, fileArg?: unknown): Promise<void> {
  const client = await deps.model.client(true);
  const uri =
    fileArg instanceof vscode.Uri
      ? fileArg
      : (await vscode.window.showOpenDialog({ title: 'Import Audio into Vurbo', canSelectMany: false, openLabel: 'Import', filters: { 'Audio (MP3, WAV, M4A)': Object.keys(IMPORT_CONTENT_TYPES) } }))?.[0];
  if (!uri) return;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('Only files on this machine can be imported.');
    return;
  }
  const file = uri.fsPath;
  const name = path.basename(file);
  const ext = path.extname(file).slice(1).toLowerCase();
  if (!IMPORT_CONTENT_TYPES[ext]) {
    void vscode.window.showErrorMessage(`"${name}" is not an MP3, WAV or M4A file, the formats Vurbo imports.`);
    return;
  }
  const { size } = await fs.stat(file);
  if (size > LIMITS.importMaxBytes) {
    void vscode.window.showErrorMessage(`"${name}" is ${Math.round(size / 1048576)} MB; Vurbo imports files of at most 500 MB.`);
    return;
  }
  const probe = await probeAudioFile(file).catch(() => undefined);
  const durationMs = probe?.durationMs ?? Math.round((size / FALLBACK_BYTES_PER_SECOND) * 1000);
  const exact = probe?.exact ?? false;
  if (durationMs < LIMITS.importMinMs || durationMs > LIMITS.importMaxMs) {
    void vscode.window.showErrorMessage(`"${name}" is ${formatOffset(durationMs)} long; Vurbo imports audio between 1 second and 10 hours.`);
    return;
  }

  const quota = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Checking the Vurbo budget…' }, () => client.checkQuota(durationMs));
  const summary = quotaSummary(quota, durationMs, exact);
  if (!quota.allowed) {
    void vscode.window.showErrorMessage(`Importing "${name}" would exceed the monthly budget.`, { modal: true, detail: summary });
    return;
  }
  const go = await vscode.window.showInformationMessage(`Import "${name}"?`, { modal: true, detail: summary }, 'Import');
  if (go !== 'Import') return;

  const remembered = deps.state.get<string[]>(LAST_LANGUAGES) ?? ['en-US'];
  const spoken = await pickLanguages({
    title: `Spoken language of "${name}" (one, or two if they alternate)`,
    many: true,
    preselect: remembered,
    validate: (codes) => (codes.length > 2 ? 'Pick at most two spoken languages.' : undefined),
  });
  if (!spoken) return;
  const targets = await pickLanguages({ title: 'Translate into (optional)', many: true, preselect: [], exclude: spoken, allowNone: true });
  if (!targets) return;
  let recognitionMode: 'single' | 'multi_speaker' = 'single';
  if (spoken.length === 1) {
    const mode = await vscode.window.showQuickPick(
      [
        { label: 'One speaker', description: 'single', value: 'single' as const },
        { label: 'Several speakers', description: 'multi_speaker: speaker labels (diarization)', value: 'multi_speaker' as const },
      ],
      { title: 'Who speaks in the recording?' },
    );
    if (!mode) return;
    recognitionMode = mode.value;
  }
  const templates = await client.listSummaryTemplates('all').catch(() => []);
  const template = await vscode.window.showQuickPick(
    [{ label: 'No summary', slug: undefined as string | undefined }, ...templates.map((t) => ({ label: t.name, description: t.slug, detail: t.description, slug: t.slug as string | undefined }))],
    { title: 'Summary of the transcript', placeHolder: 'A summary template, or none' },
  );
  if (!template) return;
  await deps.state.update(LAST_LANGUAGES, spoken);

  const imported = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Uploading "${name}"`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      return client.uploadImport(
        { path: file, transcriptionLanguages: spoken, translationLanguages: targets, recognitionMode, summaryTemplate: template.slug },
        {
          signal: abort.signal,
          onProgress: ({ sentBytes, totalBytes }) => {
            const pct = totalBytes ? Math.floor((sentBytes / totalBytes) * 100) : 0;
            if (pct > reported) {
              progress.report({ increment: pct - reported, message: `${pct}% of ${(size / 1048576).toFixed(1)} MB` });
              reported = pct;
            }
          },
        },
      );
    },
  );
  if (imported.taskId) deps.model.lastRequests.set(imported.taskId, client.lastRequest!);
  void deps.model.refresh();

  const output = deps.outputs.open(`Vurbo Import: ${name}`);
  output.show();
  output.note(`Importing ${name} (${formatOffset(durationMs)}) — import ${imported.importId}${imported.taskId ? `, task ${imported.taskId}` : ''}`);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Importing "${name}"`, cancellable: true },
    async (progress, token) => {
      let shown = 0;
      const follow = (options: Parameters<typeof streamImportProgress>[2]) => streamImportProgress(client.endpoint, imported.importId, options);
      const onEvent = (e: TranscriptEvent) => {
        if (e.kind !== 'progress' || e.percent === undefined) return;
        const pct = Math.round(e.percent);
        progress.report({ increment: Math.max(0, pct - shown), message: `${e.stage ?? ''} ${pct}%`.trim() });
        shown = Math.max(shown, pct);
      };
      return runStream(deps.streams, `Import · ${name}`, output, follow, { onEvent }, token);
    },
  );
  void deps.model.refresh();
  if (outcome.reason === 'cancelled') {
    void vscode.window.showInformationMessage(`Stopped following "${name}". The import goes on at Vurbo; its task appears under Active and then Completed.`);
    return;
  }
  const taskId = typeof outcome.terminal?.task_id === 'string' ? outcome.terminal.task_id : imported.taskId;
  const choice = await vscode.window.showInformationMessage(`"${name}" is imported and transcribed.`, 'Show Transcript');
  if (choice === 'Show Transcript' && taskId) await vscode.commands.executeCommand('speechApi.vurbo.streamTranscript', taskId);
}
