// Longer than 400 lines: a short method per task command (twelve of them) on one shared target picker.
// The Vurbo task commands. Each works from the tree (one node, or the multi-selection) and from
// the Command Palette (a task picker), shows progress, can be cancelled, and reports errors
// through showError.
import * as vscode from 'vscode';
import { audioExtensionOf } from '../../core/vurbo/audioTypes';
import type { VurboClient } from '../../core/vurbo/client';
import { TRANSCRIPT_FORMATS, type TranscriptFormat } from '../../core/vurbo/inferred';
import { fetchSpeakers, streamHistory, streamRetranslation } from '../../core/vurbo/sse';
import { speakerLabelProblem, type VurboTask } from '../../core/vurbo/types';
import { pickLanguages } from '../shared/languagePick';
import { COMMAND } from '../shared/commandIds';
import type { Commands } from '../shared/commands';
import { showNotice } from '../shared/notice';
import { withCancellableProgress } from '../shared/progress';
import type { StreamRegistry, TranscriptOutputFactory } from '../shared/streams';
import { resolveTargets, type TargetSource } from '../shared/targets';
import { importAudio, type ImportDeps } from './importAudio';
import type { TasksModel } from './model';
import { groupOf, safeFileName, taskDescription, type TaskGroup } from './presentation';
import { runStream } from './streaming';
import { taskOfNode, type TasksTreeProvider } from './tree';

/** What task commands need from other features, wired in extension.ts. */
export interface TasksLinks {
  /** The views feature's transcript viewer. */
  openViewer(task: { readonly taskId: string; readonly title: string }): Promise<void>;
}

export interface TaskCommandDeps {
  links: TasksLinks;
  model: TasksModel;
  tree: TasksTreeProvider;
  streams: StreamRegistry;
  outputs: TranscriptOutputFactory;
  state: ImportDeps['state'];
  /** The Tasks view's selected rows (Enter opens them). */
  selection(): readonly unknown[];
}

/** Two clicks on one row within this long are a double click. */
const DOUBLE_CLICK_MS = 500;

type Filter = (t: VurboTask) => boolean;
const completed: Filter = (t) => groupOf(t) === 'completed';
const any: Filter = () => true;

/** Labels and details of the export formats (built on use, so they follow the display language's bundle). */
function formatInfo(format: TranscriptFormat): { label: string; detail: string } {
  switch (format) {
    case 'srt':
      return { label: 'SRT', detail: vscode.l10n.t('SubRip subtitles with speaker labels') };
    case 'vtt':
      return { label: 'WebVTT', detail: vscode.l10n.t('Web subtitles (HTML5 video)') };
    case 'sbv':
      return { label: 'SBV', detail: vscode.l10n.t('YouTube subtitles') };
    case 'txt':
      return { label: vscode.l10n.t('Text'), detail: vscode.l10n.t('Plain text with times and speaker labels') };
    case 'csv':
      return { label: 'CSV', detail: vscode.l10n.t('One row per sentence with its translations, for spreadsheets') };
  }
}

/** The view whose progress bar shows quick task edits. */
const TASKS_VIEW = 'speechApi.tasks';

export class TaskCommands {
  constructor(private readonly deps: TaskCommandDeps) {}

  private get model(): TasksModel {
    return this.deps.model;
  }

  /** Runs `fn` with a client and keeps its last request under the task, for "Copy as cURL". */
  private async call<T>(client: VurboClient, taskIds: string | readonly string[], fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      const last = client.lastRequest;
      if (last) for (const id of typeof taskIds === 'string' ? [taskIds] : taskIds) this.model.lastRequests.set(id, last);
    }
  }

  register(commands: Commands): vscode.Disposable[] {
    const imports: ImportDeps = {
      model: this.model,
      streams: this.deps.streams,
      outputs: this.deps.outputs,
      state: this.deps.state,
      showTranscript: (id) => this.streamTranscript(id),
    };
    return [
      commands.register(COMMAND.tasks.loadMore, vscode.l10n.t('Load more tasks'), (group: TaskGroup = 'completed') => this.deps.tree.showMore(group)),
      commands.register(COMMAND.tasks.refresh, vscode.l10n.t('Refresh Vurbo tasks'), () => this.refresh()),
      commands.register(COMMAND.tasks.streamTranscript, vscode.l10n.t('Show transcript'), (...a: unknown[]) => this.streamTranscript(...a)),
      commands.register(COMMAND.tasks.open, vscode.l10n.t('Show transcript'), (node?: unknown) => this.openFromTree(node)),
      commands.register(COMMAND.tasks.retranslate, vscode.l10n.t('Retranslate'), (...a: unknown[]) => this.retranslate(...a)),
      commands.register(COMMAND.tasks.exportTranscript, vscode.l10n.t('Export transcript'), (...a: unknown[]) => this.exportTranscript(...a)),
      commands.register(COMMAND.tasks.exportAudio, vscode.l10n.t('Export audio'), (...a: unknown[]) => this.exportAudio(...a)),
      commands.register(COMMAND.tasks.rename, vscode.l10n.t('Rename task'), (...a: unknown[]) => this.renameTask(...a)),
      commands.register(COMMAND.tasks.pin, vscode.l10n.t('Pin task'), (...a: unknown[]) => this.setPinned(true, ...a)),
      commands.register(COMMAND.tasks.unpin, vscode.l10n.t('Unpin task'), (...a: unknown[]) => this.setPinned(false, ...a)),
      commands.register(COMMAND.tasks.delete, vscode.l10n.t('Delete task'), (...a: unknown[]) => this.deleteTasks(...a)),
      commands.register(COMMAND.tasks.retry, vscode.l10n.t('Retry task'), (...a: unknown[]) => this.retryTasks(...a)),
      commands.register(COMMAND.tasks.renameSpeaker, vscode.l10n.t('Rename speaker'), (...a: unknown[]) => this.renameSpeaker(...a)),
      commands.register(COMMAND.tasks.openViewer, vscode.l10n.t('Open in transcript viewer'), (...a: unknown[]) => this.openViewer(...a)),
      commands.register(COMMAND.tasks.importAudio, vscode.l10n.t('Import audio'), (file?: vscode.Uri) => importAudio(imports, file)),
    ];
  }

  private readonly targetSource: TargetSource<VurboTask> = {
    fromNode: taskOfNode,
    byId: async (id) => this.model.get(id) ?? (await this.model.refresh(), this.model.get(id)),
    candidates: async () => {
      if (this.model.state.kind !== 'loaded') {
        await this.model.client(true); // offers to set a key when none is stored
        await this.model.refresh();
      }
      if (this.model.state.kind === 'error') throw this.model.state.error;
      return this.model.tasks;
    },
    toPickItem: (t) => ({ label: t.title, description: taskDescription(t), detail: t.taskId }),
    get noneFits() {
      return vscode.l10n.t('No Vurbo task fits. Refresh the Tasks view or import an audio file.');
    },
  };

  /** The tasks a command acts on (several when `many`): see resolveTargets. */
  targets(args: readonly unknown[], filter: Filter, title: string, many = false): Promise<VurboTask[]> {
    return resolveTargets(this.targetSource, args, { title, filter, many });
  }

  private lastClick: { taskId: string; at: number } | undefined;

  /**
   * A row's own command runs on every click; streaming marks the task read and opens a panel, so a
   * single click only selects. Without a row (Enter, from the keybinding) the selection opens.
   */
  private async openFromTree(node: unknown): Promise<void> {
    const task = taskOfNode(node);
    if (!task) {
      const selected = this.deps.selection().filter((n) => taskOfNode(n)?.processingStatus === 'completed');
      return selected.length ? this.streamTranscript(selected[0]) : undefined;
    }
    const now = Date.now();
    const doubleClickMode = vscode.workspace.getConfiguration('workbench.list').get<string>('openMode') === 'doubleClick';
    const second = this.lastClick?.taskId === task.taskId && now - this.lastClick.at < DOUBLE_CLICK_MS;
    this.lastClick = second ? undefined : { taskId: task.taskId, at: now };
    if (doubleClickMode || second) await this.streamTranscript(node);
  }

  async refresh(): Promise<void> {
    await vscode.window.withProgress({ location: { viewId: TASKS_VIEW } }, async () => {
      await this.model.client(true);
      await this.model.refresh();
    });
    if (this.model.state.kind === 'error') throw this.model.state.error;
  }

  async streamTranscript(...args: unknown[]): Promise<void> {
    const [task] = await this.targets(args, completed, vscode.l10n.t('Show the transcript of…'));
    if (!task) return;
    const client = await this.model.client(true);
    const output = this.deps.outputs.open(`Vurbo: ${task.title}`);
    output.show();
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Streaming "{0}"', task.title) }, () =>
      runStream(this.deps.streams, vscode.l10n.t('History · {0}', task.title), output, (o) => streamHistory(client.endpoint, task.taskId, o)),
    );
    if (outcome.reason === 'done' && task.isUnread) this.model.upsert(await this.call(client, task.taskId, () => client.markRead(task.taskId)));
  }

  async openViewer(...args: unknown[]): Promise<void> {
    const [task] = await this.targets(args, completed, vscode.l10n.t('Open the transcript of…'));
    if (task) await this.deps.links.openViewer({ taskId: task.taskId, title: task.title });
  }

  async retranslate(...args: unknown[]): Promise<void> {
    const [task] = await this.targets(args, completed, vscode.l10n.t('Retranslate…'));
    if (!task) return;
    const picked = await pickLanguages({
      title: vscode.l10n.t('Retranslate "{0}" into', task.title),
      many: false,
      preselect: [],
      exclude: task.sourceLang ? [task.sourceLang] : [],
    });
    const target = picked?.[0];
    if (!target) return;
    const client = await this.model.client(true);
    const output = this.deps.outputs.open(`Vurbo: ${task.title}`);
    output.show();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Retranslating "{0}" into {1}', task.title, target), cancellable: true },
      async (progress, token) => {
        // The transcript first, so each new translation lands under its sentence.
        let sentences = 0;
        progress.report({ message: vscode.l10n.t('reading the transcript…') });
        const history = await runStream(
          this.deps.streams,
          vscode.l10n.t('History · {0}', task.title),
          output,
          (o) => streamHistory(client.endpoint, task.taskId, o),
          { onEvent: (e) => void (e.kind === 'segment' && sentences++) },
          token,
        );
        if (history.reason === 'cancelled') return;
        let done = 0;
        let failed = 0;
        const step = sentences ? 100 / sentences : 0;
        const outcome = await runStream(
          this.deps.streams,
          vscode.l10n.t('Retranslate → {0} · {1}', target, task.title),
          output,
          (o) => streamRetranslation(client.endpoint, task.taskId, target, o),
          {
            // The new translations land under their sentences above; a second "Connected … Finished" pair would frame nothing.
            hide: (e) => e.kind === 'status' || e.kind === 'end',
            onEvent: (e) => {
              if (e.kind !== 'translation' && e.kind !== 'sentenceError') return;
              if (e.kind === 'sentenceError') failed++;
              done++;
              progress.report({ increment: step, message: vscode.l10n.t('{0} of {1} sentences', done, sentences || '?') });
            },
          },
          token,
        );
        if (outcome.reason !== 'done') return;
        const ok = done - failed;
        const msg = vscode.l10n.t(
          'Retranslated "{0}" into {1}: {2}{3}.',
          task.title,
          target,
          ok === 1 ? vscode.l10n.t('{0} sentence', ok) : vscode.l10n.t('{0} sentences', ok),
          failed ? vscode.l10n.t(', {0} failed (marked ⚠ in the output)', failed) : '',
        );
        output.note(`— ${msg}`);
        if (failed) void vscode.window.showWarningMessage(msg);
        else void vscode.window.showInformationMessage(msg);
      },
    );
  }

  async exportTranscript(...args: unknown[]): Promise<void> {
    const [task] = await this.targets(args, completed, vscode.l10n.t('Export the transcript of…'));
    if (!task) return;
    const format = await vscode.window.showQuickPick(
      TRANSCRIPT_FORMATS.map((f) => ({ label: formatInfo(f).label, description: `.${f}`, detail: formatInfo(f).detail, format: f })),
      { title: vscode.l10n.t('Export "{0}" as', task.title) },
    );
    if (format) await this.saveExport(task, format.format);
  }

  /** Exports `task` as `format` to a file the user picks (also the transcript viewer's export buttons). */
  async exportAs(taskId: string, format: TranscriptFormat): Promise<void> {
    const [task] = await this.targets([taskId], completed, vscode.l10n.t('Export the transcript of…'));
    if (task) await this.saveExport(task, format);
  }

  private async saveExport(task: VurboTask, chosen: TranscriptFormat): Promise<void> {
    const format = { format: chosen, label: formatInfo(chosen).label };
    const uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export the transcript of "{0}"', task.title),
      defaultUri: defaultFolder(safeFileName(task.title, format.format)),
      filters: { [format.label]: [format.format] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!uri) return;
    const client = await this.model.client(true);
    const exported = await withCancellableProgress(vscode.l10n.t('Exporting "{0}" as {1}', task.title, format.label), (signal) =>
      this.call(client, task.taskId, () => client.exportTranscript(task.taskId, format.format, signal)),
    );
    await vscode.workspace.fs.writeFile(uri, Buffer.from(exported.text, 'utf8'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  async exportAudio(...args: unknown[]): Promise<void> {
    const [task] = await this.targets(args, completed, vscode.l10n.t('Export the audio of…'));
    if (!task) return;
    const uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export the audio of "{0}"', task.title),
      defaultUri: defaultFolder(safeFileName(task.title, 'm4a')),
      filters: { [vscode.l10n.t('Audio')]: ['m4a', 'mp3', 'wav'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!uri) return;
    if (uri.scheme !== 'file') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Audio can only be saved to a folder on this machine.'));
      return;
    }
    const client = await this.model.client(true);
    const saved = await withCancellableProgress(vscode.l10n.t('Downloading the audio of "{0}"', task.title), (signal, progress) => {
      let shown = 0;
      return this.call(client, task.taskId, () =>
        client.exportAudio(task.taskId, uri.fsPath, {
          signal,
          onProgress: ({ sentBytes, totalBytes }) => {
            const mb = vscode.l10n.t('{0} MB', (sentBytes / 1048576).toFixed(1));
            const pct = totalBytes ? Math.floor((sentBytes / totalBytes) * 100) : undefined;
            if (pct === undefined) progress.report({ message: mb });
            else if (pct > shown) {
              progress.report({ increment: pct - shown, message: `${mb} (${pct}%)` });
              shown = pct;
            }
          },
        }),
      );
    });
    // Keep the extension honest: the server decides the container, so the file name follows it.
    let target = uri;
    const actual = audioExtensionOf(saved.contentType);
    const chosen = uri.path.split('.').pop()?.toLowerCase();
    if (actual && chosen !== actual) {
      const renamed = vscode.Uri.file(uri.fsPath.replace(/\.[^./\\]*$/, '') + `.${actual}`);
      const exists = await vscode.workspace.fs.stat(renamed).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await vscode.workspace.fs.rename(uri, renamed);
        target = renamed;
      }
    }
    const size = vscode.l10n.t('{0} MB', (saved.bytes / 1048576).toFixed(2));
    const note = target !== uri ? vscode.l10n.t(' The server sent {0} audio, so the file is named .{1}.', String(actual?.toUpperCase()), String(actual)) : '';
    await showNotice('info', vscode.l10n.t('Saved the audio of "{0}" ({1}) to {2}.{3}', task.title, size, vscode.workspace.asRelativePath(target), note), [
      { label: vscode.l10n.t('Open'), run: () => vscode.commands.executeCommand('vscode.open', target) },
    ]);
  }

  async renameTask(...args: unknown[]): Promise<void> {
    const [task] = await this.targets(args, any, vscode.l10n.t('Rename…'));
    if (!task) return;
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Rename Vurbo task'),
      value: task.title,
      valueSelection: [0, task.title.length],
      prompt: vscode.l10n.t('The new name of the task (its recording).'),
      validateInput: (v) =>
        !v.trim()
          ? vscode.l10n.t('The name cannot be empty.')
          : /[\x00-\x1F\x7F]/.test(v)
            ? vscode.l10n.t('The name cannot contain line breaks or control characters.')
            : undefined,
    });
    if (name === undefined || name.trim() === task.title) return;
    const client = await this.model.client(true);
    const updated = await vscode.window.withProgress({ location: { viewId: TASKS_VIEW } }, () =>
      this.call(client, task.taskId, () => client.renameTask(task.taskId, name)),
    );
    this.model.upsert(updated ?? { ...task, title: name.trim() });
  }

  async setPinned(pinned: boolean, ...args: unknown[]): Promise<void> {
    const tasks = await this.targets(args, (t) => t.isPinned !== pinned, pinned ? vscode.l10n.t('Pin…') : vscode.l10n.t('Unpin…'), true);
    if (tasks.length === 0) return;
    const client = await this.model.client(true);
    const ids = tasks.map((t) => t.taskId);
    await vscode.window.withProgress({ location: { viewId: TASKS_VIEW } }, () =>
      this.call(client, ids, async () => void (ids.length > 1 ? await client.batchPin(ids, pinned) : await client.setPinned(ids[0], pinned))),
    );
    this.model.patch(ids, { isPinned: pinned });
  }

  async deleteTasks(...args: unknown[]): Promise<void> {
    const tasks = await this.targets(args, any, vscode.l10n.t('Delete…'), true);
    if (tasks.length === 0) return;
    const one = tasks.length === 1;
    const what = one ? vscode.l10n.t('"{0}"', tasks[0].title) : vscode.l10n.t('{0} tasks', tasks.length);
    const deleteButton = vscode.l10n.t('Delete');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete {0}?', what),
      {
        modal: true,
        detail: one
          ? vscode.l10n.t('The recording, transcript, translations and summary are deleted at Vurbo. This cannot be undone.')
          : `${namedList(tasks.map((t) => t.title))}\n\n${vscode.l10n.t('The recordings, transcripts, translations and summaries are deleted at Vurbo. This cannot be undone.')}`,
      },
      deleteButton,
    );
    if (choice !== deleteButton) return;
    const client = await this.model.client(true);
    const ids = tasks.map((t) => t.taskId);
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting {0}…', what) },
      async () => void (ids.length > 1 ? await client.batchDelete(ids) : await client.deleteTask(ids[0])),
    );
    this.model.remove(ids);
    void vscode.window.showInformationMessage(vscode.l10n.t('Deleted {0}.', what));
  }

  async retryTasks(...args: unknown[]): Promise<void> {
    const tasks = await this.targets(args, (t) => t.processingStatus === 'failed', vscode.l10n.t('Retry…'), true);
    if (tasks.length === 0) return;
    const client = await this.model.client(true);
    await vscode.window.withProgress({ location: { viewId: TASKS_VIEW } }, async () => {
      for (const t of tasks)
        this.model.upsert((await this.call(client, t.taskId, () => client.retryTask(t.taskId))) ?? { ...t, processingStatus: 'processing' });
    });
    void vscode.window.showInformationMessage(
      tasks.length === 1
        ? vscode.l10n.t('"{0}" is being processed again; the Tasks view follows along.', tasks[0].title)
        : vscode.l10n.t('{0} tasks are being processed again; the Tasks view follows along.', tasks.length),
    );
  }

  async renameSpeaker(...args: unknown[]): Promise<void> {
    const [task] = await this.targets(args, completed, vscode.l10n.t('Rename a speaker in…'));
    if (!task) return;
    const client = await this.model.client(true);
    const speakers = await withCancellableProgress(vscode.l10n.t('Reading the speakers of "{0}"…', task.title), (signal) =>
      fetchSpeakers(client.endpoint, task.taskId, signal),
    );
    if (speakers.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no speaker labels to rename.', task.title));
      return;
    }
    const speaker = await vscode.window.showQuickPick(
      speakers.map((s) => ({
        label: s.label,
        description: s.label !== s.id ? s.id : undefined,
        detail: s.sentences ? sentenceCount(s.sentences) : undefined,
        speaker: s,
      })),
      { title: vscode.l10n.t('Rename which speaker of "{0}"?', task.title) },
    );
    if (!speaker) return;
    const label = await vscode.window.showInputBox({
      title: vscode.l10n.t('Rename "{0}"', speaker.speaker.label),
      value: speaker.speaker.label,
      valueSelection: [0, speaker.speaker.label.length],
      prompt: vscode.l10n.t('Every sentence of this speaker gets the new label (at most 100 characters, one line).'),
      validateInput: (v) => speakerLabelProblem(v),
    });
    if (label === undefined || label === speaker.speaker.label) return;
    const updated = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Renaming the speaker…') }, () =>
      this.call(client, task.taskId, () => client.renameSpeaker(task.taskId, speaker.speaker.id, label)),
    );
    await showNotice(
      'info',
      updated !== undefined
        ? vscode.l10n.t('Renamed "{0}" to "{1}" in {2}.', speaker.speaker.label, label, sentenceCount(updated))
        : vscode.l10n.t('Renamed "{0}" to "{1}".', speaker.speaker.label, label),
      [{ label: vscode.l10n.t('Show Transcript'), run: () => this.streamTranscript(task.taskId) }],
    );
  }
}

/** Up to five names, one per line, then "and N more". */
function namedList(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((n) => `• ${n}`);
  if (names.length > 5) shown.push(vscode.l10n.t('and {0} more', names.length - 5));
  return shown.join('\n');
}

function sentenceCount(n: number): string {
  return n === 1 ? vscode.l10n.t('{0} sentence', n) : vscode.l10n.t('{0} sentences', n);
}

function defaultFolder(fileName: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : undefined;
}
