// The read-only tools that ask a provider: Vurbo tasks and transcripts, Valossa jobs and summaries.
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import { formatJobSummary, formatJobList } from '../../core/tools/valossa';
import { positiveInt, optionalText, requiredText } from '../../core/tools/errors';
import { findTask, formatTaskList, parseTaskQuery } from '../../core/tools/tasks';
import { formatTranscript } from '../../core/tools/transcript';
import type { CoreMetadata } from '../../core/valossa/types';
import { streamHistory } from '../../core/vurbo/sse';
import { Transcript } from '../../core/transcript/model';
import type { ToolClients } from './clients';
import { TOOL } from './names';
import type { SpeechTool } from './tool';

interface TaskListInput {
  status?: string;
  name?: string;
  since?: string;
  until?: string;
}

interface TranscriptInput {
  task: string;
  language?: string;
  fromSentence?: number;
  toSentence?: number;
}

interface JobInput {
  jobId: string;
}

export function readTools(clients: ToolClients): SpeechTool<never>[] {
  const listTasks: SpeechTool<TaskListInput> = {
    name: TOOL.listVurboTasks,
    sendsRequests: true,
    progress: () => vscode.l10n.t('Listing Vurbo tasks'),
    async run(input, signal) {
      const query = parseTaskQuery(input ?? {});
      const client = await clients.vurbo();
      return formatTaskList(await client.listTasks('all', signal), query);
    },
  };

  const transcript: SpeechTool<TranscriptInput> = {
    name: TOOL.getVurboTranscript,
    sendsRequests: true,
    progress: (input) => vscode.l10n.t('Reading the transcript of the Vurbo task "{0}"', String(input?.task ?? '')),
    async run(input, signal) {
      const ref = requiredText(input?.task, 'task');
      const range = {
        language: optionalText(input.language, 'language'),
        fromSentence: positiveInt(input.fromSentence, 'fromSentence'),
        toSentence: positiveInt(input.toSentence, 'toSentence'),
      };
      const client = await clients.vurbo();
      const task = findTask(await client.listTasks('all', signal), ref);
      const model = new Transcript();
      let sourceLanguage = task.sourceLang;
      const outcome = await streamHistory(client.endpoint, task.taskId, {
        signal,
        maxReconnects: 2,
        onEvent: (e) => {
          if (e.kind === 'meta') sourceLanguage = e.sourceLanguage ?? sourceLanguage;
          model.apply(e);
        },
      });
      if (outcome.reason === 'cancelled') throw new ApiError({ provider: 'vurbo', code: 'cancelled' });
      return formatTranscript({ title: task.title, taskId: task.taskId, sourceLanguage, segments: model.segments, summary: model.summary }, range);
    },
  };

  const listJobs: SpeechTool<Record<string, never>> = {
    name: TOOL.listValossaJobs,
    sendsRequests: true,
    progress: () => vscode.l10n.t('Listing Valossa jobs'),
    async run(_input, signal) {
      const client = await clients.valossa();
      return formatJobList(await client.listJobs(signal));
    },
  };

  const jobSummary: SpeechTool<JobInput> = {
    name: TOOL.getValossaJobSummary,
    sendsRequests: true,
    progress: (input) => vscode.l10n.t('Summarizing the Valossa job {0}', String(input?.jobId ?? '')),
    async run(input, signal) {
      const jobId = requiredText(input?.jobId, 'jobId');
      const client = await clients.valossa();
      const status = await client.jobStatus(jobId, signal);
      if (status.status !== 'finished') {
        return vscode.l10n.t(
          'Valossa job {0} is {1}{2}: only a finished job has results to summarize.',
          jobId,
          status.status,
          status.details ? ` (${status.details})` : '',
        );
      }
      const metadata = (await client.jobResults(jobId, 'core', signal)) as CoreMetadata;
      return formatJobSummary(jobId, metadata);
    },
  };

  return [listTasks, transcript, listJobs, jobSummary] as SpeechTool<never>[];
}
