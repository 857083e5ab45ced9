// The tools that change something or cost money. Each names exactly what it will do in its
// confirmation (prepareInvocation), acts only on a task named exactly, and stops when cancelled.
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import { parseUrl } from '../../core/read';
import { optionalText, requiredText, ToolInputError } from '../../core/tools/errors';
import { findTask } from '../../core/tools/tasks';
import { isLanguageTag } from '../../core/vurbo/languages';
import { streamRetranslation } from '../../core/vurbo/sse';
import type { ToolClients } from './clients';
import { TOOL } from './names';
import { confirmNewJob, confirmRename, confirmRetranslate } from './presentation';
import type { SpeechTool } from './tool';

interface NewJobInput {
  videoUrl: string;
  title?: string;
}

interface RetranslateInput {
  task: string;
  language: string;
}

interface RenameInput {
  task: string;
  newName: string;
}

function mediaUrl(value: unknown): string {
  const text = requiredText(value, 'videoUrl');
  const url = parseUrl(text);
  if (!url) throw new ToolInputError(`videoUrl must be an absolute http(s) URL, not "${text}".`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ToolInputError(`videoUrl must be an http(s) URL Valossa can download, not ${url.protocol}.`);
  return url.toString();
}

function language(value: unknown): string {
  const text = requiredText(value, 'language');
  if (!isLanguageTag(text)) throw new ToolInputError(`language must be a language tag such as de-DE, not "${text}".`);
  return text;
}

export function actionTools(clients: ToolClients): SpeechTool<never>[] {
  const newJob: SpeechTool<NewJobInput> = {
    name: TOOL.newValossaJob,
    sendsRequests: true,
    progress: (input) => vscode.l10n.t('Creating a Valossa job for {0}', String(input?.videoUrl ?? '')),
    confirm: (input) => confirmNewJob(String(input?.videoUrl ?? ''), input?.title, clients.host('valossa')),
    async run(input, signal) {
      const videoUrl = mediaUrl(input?.videoUrl);
      const title = optionalText(input.title, 'title');
      const client = await clients.valossa();
      const jobId = await client.newJob({ videoUrl, title }, signal);
      return vscode.l10n.t(
        'Created Valossa job {0} for {1}. Analysis takes a while; list the jobs to follow its status, then ask for its summary.',
        jobId,
        videoUrl,
      );
    },
  };

  const retranslate: SpeechTool<RetranslateInput> = {
    name: TOOL.retranslateVurboTask,
    sendsRequests: true,
    progress: (input) => vscode.l10n.t('Retranslating the Vurbo task "{0}" into {1}', String(input?.task ?? ''), String(input?.language ?? '')),
    confirm: (input) => confirmRetranslate(String(input?.task ?? ''), String(input?.language ?? ''), clients.host('vurbo')),
    async run(input, signal) {
      const ref = requiredText(input?.task, 'task');
      const target = language(input.language);
      const client = await clients.vurbo();
      // Exactly the task the confirmation named: its id or its whole title.
      const task = findTask(await client.listTasks('all', signal), ref, true);
      let translated = 0;
      let failed = 0;
      const outcome = await streamRetranslation(client.endpoint, task.taskId, target, {
        signal,
        onEvent: (e) => {
          if (e.kind === 'translation') translated++;
          else if (e.kind === 'sentenceError') failed++;
        },
      });
      if (outcome.reason === 'cancelled') throw new ApiError({ provider: 'vurbo', code: 'cancelled' });
      const result = vscode.l10n.t('Retranslated {0} sentences of "{1}" into {2}.', translated, task.title, target);
      const failures = failed ? ` ${vscode.l10n.t('{0} sentences could not be translated.', failed)}` : '';
      const closed =
        outcome.reason === 'closed' ? ` ${vscode.l10n.t('The server closed the stream before it reported the end, so some sentences may be missing.')}` : '';
      return result + failures + closed;
    },
  };

  const rename: SpeechTool<RenameInput> = {
    name: TOOL.renameVurboTask,
    sendsRequests: true,
    progress: (input) => vscode.l10n.t('Renaming the Vurbo task "{0}"', String(input?.task ?? '')),
    confirm: (input) => confirmRename(String(input?.task ?? ''), String(input?.newName ?? ''), clients.host('vurbo')),
    async run(input, signal) {
      const ref = requiredText(input?.task, 'task');
      const newName = requiredText(input.newName, 'newName');
      const client = await clients.vurbo();
      const task = findTask(await client.listTasks('all', signal), ref, true);
      const renamed = await client.renameTask(task.taskId, newName, signal);
      return vscode.l10n.t('Renamed the Vurbo task {0} from "{1}" to "{2}".', task.taskId, task.title, renamed?.title ?? newName);
    },
  };

  return [newJob, retranslate, rename] as SpeechTool<never>[];
}
