// Import Audio: pick a local MP3/WAV/M4A file, check the monthly budget for its length first and
// show the numbers, pick languages (and optionally a summary template), upload it with byte
// progress (cancellable), then follow the import-progress stream until the task is ready.
import path from 'node:path';
import * as vscode from 'vscode';
import { formatClock } from '../../core/clock';
import { nodeFsPromises } from '../../core/lazyNode';
import type { TranscriptEvent } from '../../core/transcript/model';
import { probeAudioFile } from '../../core/vurbo/audioDuration';
import { streamImportProgress } from '../../core/vurbo/sse';
import { IMPORT_CONTENT_TYPES, LIMITS, type QuotaCheck } from '../../core/vurbo/types';
import { pickLanguages } from '../shared/languagePick';
import { showNotice } from '../shared/notice';
import { uploadReporter, withCancellableProgress } from '../shared/progress';
import type { StreamRegistry, TranscriptOutputFactory } from '../shared/streams';
import type { TasksModel } from './model';
import { runStream } from './streaming';

export interface ImportDeps {
  model: TasksModel;
  streams: StreamRegistry;
  outputs: TranscriptOutputFactory;
  state: vscode.Memento;
  /** The transcript of a finished import (the "Show Transcript" button). */
  showTranscript(taskId: string): Promise<void>;
}

const LAST_LANGUAGES = 'speechApi.vurbo.importLanguages';
/** 128 kbit/s: the guess for a file whose header says nothing about its length. */
const FALLBACK_BYTES_PER_SECOND = 16_000;

function money(usd: number): string {
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

export function quotaSummary(q: QuotaCheck, durationMs: number, exact: boolean): string {
  const budget =
    q.isUnlimited || q.remainingBudget === null
      ? vscode.l10n.t('unlimited')
      : q.remainingMinutes !== null
        ? vscode.l10n.t('{0} left (about {1} min of audio)', money(q.remainingBudget), q.remainingMinutes)
        : vscode.l10n.t('{0} left', money(q.remainingBudget));
  const length = exact ? vscode.l10n.t('Length {0}', formatClock(durationMs)) : vscode.l10n.t('Length {0} (estimated)', formatClock(durationMs));
  return `${vscode.l10n.t('{0}, billed as {1} min: about {2}.', length, q.durationMinutes, money(q.estimatedCost))}\n${vscode.l10n.t('Monthly budget: {0}.', budget)}`;
}

export async function importAudio(deps: ImportDeps, fileArg?: unknown): Promise<void> {
  const client = await deps.model.client(true);
  const uri =
    fileArg instanceof vscode.Uri
      ? fileArg
      : (
          await vscode.window.showOpenDialog({
            title: vscode.l10n.t('Import Audio into Vurbo'),
            canSelectMany: false,
            openLabel: vscode.l10n.t('Import'),
            filters: { [vscode.l10n.t('Audio (MP3, WAV, M4A)')]: Object.keys(IMPORT_CONTENT_TYPES) },
          })
        )?.[0];
  if (!uri) return;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Only files on this machine can be imported.'));
    return;
  }
  const file = uri.fsPath;
  const name = path.basename(file);
  const ext = path.extname(file).slice(1).toLowerCase();
  if (!IMPORT_CONTENT_TYPES[ext]) {
    void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is not an MP3, WAV or M4A file, the formats Vurbo imports.', name));
    return;
  }
  const { size } = await nodeFsPromises().stat(file);
  if (size > LIMITS.importMaxBytes) {
    void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is {1} MB; Vurbo imports files of at most 500 MB.', name, Math.round(size / 1048576)));
    return;
  }
  const probe = await probeAudioFile(file).catch(() => undefined);
  const durationMs = probe?.durationMs ?? Math.round((size / FALLBACK_BYTES_PER_SECOND) * 1000);
  const exact = probe?.exact ?? false;
  if (durationMs < LIMITS.importMinMs || durationMs > LIMITS.importMaxMs) {
    void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" is {1} long; Vurbo imports audio between 1 second and 10 hours.', name, formatClock(durationMs)));
    return;
  }

  const quota = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the Vurbo budget…') }, () =>
    client.checkQuota(durationMs),
  );
  const summary = quotaSummary(quota, durationMs, exact);
  if (!quota.allowed) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Importing "{0}" would exceed the monthly budget.', name), { modal: true, detail: summary });
    return;
  }
  const importButton = vscode.l10n.t('Import');
  const go = await vscode.window.showInformationMessage(vscode.l10n.t('Import "{0}"?', name), { modal: true, detail: summary }, importButton);
  if (go !== importButton) return;

  const remembered = deps.state.get<string[]>(LAST_LANGUAGES) ?? ['en-US'];
  const spoken = await pickLanguages({
    title: vscode.l10n.t('Spoken language of "{0}" (one, or two if they alternate)', name),
    many: true,
    preselect: remembered,
    validate: (codes) => (codes.length > 2 ? vscode.l10n.t('Pick at most two spoken languages.') : undefined),
  });
  if (!spoken) return;
  const targets = await pickLanguages({ title: vscode.l10n.t('Translate into (optional)'), many: true, preselect: [], exclude: spoken, allowNone: true });
  if (!targets) return;
  let recognitionMode: 'single' | 'multi_speaker' = 'single';
  if (spoken.length === 1) {
    const mode = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('One speaker'), description: 'single', value: 'single' as const },
        {
          label: vscode.l10n.t('Several speakers'),
          description: vscode.l10n.t('{0}: speaker labels (diarization)', 'multi_speaker'),
          value: 'multi_speaker' as const,
        },
      ],
      { title: vscode.l10n.t('Who speaks in the recording?') },
    );
    if (!mode) return;
    recognitionMode = mode.value;
  }
  const templates = await client.listSummaryTemplates('all').catch(() => []);
  const template = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('No summary'), slug: undefined as string | undefined },
      ...templates.map((t) => ({ label: t.name, description: t.slug, detail: t.description, slug: t.slug as string | undefined })),
    ],
    { title: vscode.l10n.t('Summary of the transcript'), placeHolder: vscode.l10n.t('A summary template, or none') },
  );
  if (!template) return;
  await deps.state.update(LAST_LANGUAGES, spoken);

  const imported = await withCancellableProgress(vscode.l10n.t('Uploading "{0}"', name), (signal, progress) =>
    client.uploadImport(
      { path: file, transcriptionLanguages: spoken, translationLanguages: targets, recognitionMode, summaryTemplate: template.slug },
      { signal, onProgress: uploadReporter(progress) },
    ),
  );
  if (imported.taskId) deps.model.lastRequests.set(imported.taskId, client.lastRequest!);
  void deps.model.refresh();

  const output = deps.outputs.open(`Vurbo Import: ${name}`);
  output.show();
  output.note(
    vscode.l10n.t(
      'Importing {0} ({1}) — import {2}{3}',
      name,
      formatClock(durationMs),
      imported.importId,
      imported.taskId ? vscode.l10n.t(', task {0}', imported.taskId) : '',
    ),
  );
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing "{0}"', name), cancellable: true },
    async (progress, token) => {
      let shown = 0;
      const follow = (options: Parameters<typeof streamImportProgress>[2]) => streamImportProgress(client.endpoint, imported.importId, options);
      const onEvent = (e: TranscriptEvent) => {
        if (e.kind !== 'progress' || e.percent === undefined) return;
        const pct = Math.round(e.percent);
        progress.report({ increment: Math.max(0, pct - shown), message: `${e.stage ?? ''} ${pct}%`.trim() });
        shown = Math.max(shown, pct);
      };
      return runStream(deps.streams, vscode.l10n.t('Import · {0}', name), output, follow, { onEvent }, token);
    },
  );
  void deps.model.refresh();
  if (outcome.reason === 'cancelled') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Stopped following "{0}". The import goes on at Vurbo; its task appears under Active and then Completed.', name),
    );
    return;
  }
  const taskId = typeof outcome.terminal?.task_id === 'string' ? outcome.terminal.task_id : imported.taskId;
  const showTranscript = taskId ? [{ label: vscode.l10n.t('Show Transcript'), run: () => deps.showTranscript(taskId) }] : [];
  await showNotice('info', vscode.l10n.t('"{0}" is imported and transcribed.', name), showTranscript);
}
