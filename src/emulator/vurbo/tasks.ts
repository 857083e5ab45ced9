// Emulated task REST routes (vurbo-vas.md §4.2, §4.7, §5.6): list, pin, read, rename, delete,
// force-fail, retry, batch pin/delete, transcript and audio export, audio with Range, speakers.
// Shapes the docs leave open come from core/vurbo/inferred.ts (names and wire types only).
import { encodeWav, toneSamples } from '../../core/vurbo/wav';
import { toSrt, toVtt, formatTimestamp } from '../../core/transcript/format';
import type { TranscriptSegment } from '../../core/transcript/model';
import { TRANSCRIPT_EXPORT_PARAM, TRANSCRIPT_FORMATS, type TranscriptFormat } from '../../core/vurbo/inferred';
import type { ResolvedOptions } from '../options';
import { sendJson, sendText, vurboError, type EmulatorServer, type RouteContext } from '../server';
import { sentencesToArray } from './sentences';
import type { StoredTask, VurboStore } from './store';
import { authenticateSse, badRequest, findTask, invalidState, jsonBody, speakerLabel, taskWire } from './wire';
import { authenticateVurbo } from './requests';

export interface TaskRouteSettings {
  /** `data`: the reference form `{data:{tasks}}`; `flat`: the quickstart's `{tasks}` (both documented). */
  listShape: 'data' | 'flat';
}

const ACTIVE = ['recording', 'importing', 'uploading', 'processing'];
const LABEL_MAX = 100;
const CONTROL = /[\x00-\x1F\x7F]/;

function labelError(label: unknown): string | undefined {
  if (typeof label !== 'string' || label.trim() === '') return 'new_label is required';
  if ([...label].length > LABEL_MAX) return `new_label must be at most ${LABEL_MAX} characters`;
  if (CONTROL.test(label) || /[\u2028\u2029\u0085]/.test(label)) return 'new_label must not contain control characters or line breaks';
  return undefined;
}

function segmentsOf(task: StoredTask): TranscriptSegment[] {
  const out: TranscriptSegment[] = [];
  for (let i = 0; i < task.sentences.length; i++) {
    const s = task.sentences.at(i);
    out.push({
      sid: s.sid,
      text: s.text,
      startMs: s.startMs,
      endMs: s.endMs,
      speaker: speakerLabel(task, s.speakerId),
      speakerId: s.speakerId,
      language: s.language,
      translations: s.translations,
      final: true,
    });
  }
  return out;
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The export file layouts (NOT DOCUMENTED; speaker labels go into TXT, SRT and CSV per §4.7). */
function renderExport(task: StoredTask, format: TranscriptFormat): { body: string; contentType: string } {
  const segs = segmentsOf(task);
  switch (format) {
    case 'srt':
      return { body: toSrt(segs, { speakers: true }), contentType: 'application/x-subrip; charset=utf-8' };
    case 'vtt':
      return { body: toVtt(segs, { speakers: true }), contentType: 'text/vtt; charset=utf-8' };
    case 'sbv':
      return {
        // SBV has no speaker markup; YouTube's own exports put ">> Speaker:" before the text.
        body: segs
          .map(
            (s) =>
              `${formatTimestamp(s.startMs ?? 0, '.').replace(/^0/, '')},${formatTimestamp(s.endMs ?? s.startMs ?? 0, '.').replace(/^0/, '')}\n${s.speaker ? `>> ${s.speaker}: ` : ''}${s.text}\n`,
          )
          .join('\n'),
        contentType: 'text/plain; charset=utf-8',
      };
    case 'csv': {
      const langs = task.targetLangs;
      const rows = [['sid', 'start_ms', 'end_ms', 'speaker', 'language', 'text', ...langs].join(',')];
      for (const s of segs)
        rows.push(
          [s.sid, s.startMs ?? 0, s.endMs ?? 0, s.speaker ?? '', s.language ?? '', s.text, ...langs.map((l) => s.translations?.[l] ?? '')]
            .map(csvCell)
            .join(','),
        );
      return { body: rows.join('\r\n') + '\r\n', contentType: 'text/csv; charset=utf-8' };
    }
    case 'txt':
    default:
      return {
        body:
          `${task.title}\n\n` +
          segs.map((s) => `[${formatTimestamp(s.startMs ?? 0, '.').slice(0, 8)}] ${s.speaker ? `${s.speaker}: ` : ''}${s.text}`).join('\n') +
          (task.summary ? `\n\nSummary\n${task.summary}\n` : '\n'),
        contentType: 'text/plain; charset=utf-8',
      };
  }
}

function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The task's audio: a tone as long as the recording (capped at 20 s to keep the sandbox light). */
function taskAudio(task: StoredTask): Buffer {
  const seconds = Math.max(1, Math.min(20, task.durationMs / 1000));
  return encodeWav(toneSamples(seconds, 8000, 1, 330), 8000);
}

export function registerTaskRoutes(server: EmulatorServer, options: ResolvedOptions, store: VurboStore, settings: TaskRouteSettings): void {
  const route = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, handler: (ctx: RouteContext, apiKey: string) => void | Promise<void>) =>
    server.route(method, path, async (ctx) => {
      const apiKey = authenticateVurbo(ctx, options);
      if (apiKey) await handler(ctx, apiKey);
    });
  const withTask = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    handler: (ctx: RouteContext, task: StoredTask, apiKey: string) => void | Promise<void>,
  ) =>
    route(method, path, async (ctx, apiKey) => {
      const task = findTask(ctx, store, apiKey);
      if (task) await handler(ctx, task, apiKey);
    });
  const ok = (ctx: RouteContext, task: StoredTask) => sendJson(ctx.res, 200, { data: taskWire(task) });

  route('GET', '/api/v1/tasks', (ctx, apiKey) => {
    const status = ctx.url.searchParams.get('status') ?? 'completed';
    if (!['completed', 'active', 'all'].includes(status)) return badRequest(ctx, 'status must be one of completed, active, all');
    const tasks = [...store.tasksOf(apiKey).values()]
      .filter((t) => status === 'all' || (status === 'active' ? ACTIVE.includes(t.processingStatus) : t.processingStatus === 'completed'))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map(taskWire);
    sendJson(ctx.res, 200, settings.listShape === 'flat' ? { tasks } : { data: { tasks } });
  });

  // Batch routes first: `/tasks/batch/pin` would otherwise match `/tasks/:taskId/pin`.
  /** Applies `fn` to each listed task of the caller; unknown ids are reported, not fatal. */
  const batch = (
    method: 'PUT' | 'DELETE',
    path: string,
    counter: 'updated' | 'deleted',
    check: (body: Record<string, unknown>) => string | undefined,
    fn: (t: StoredTask, body: Record<string, unknown>) => void,
  ) =>
    route(method, path, async (ctx, apiKey) => {
      const body = await jsonBody(ctx);
      if (!body) return;
      const ids = body.task_ids;
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every((i) => typeof i === 'string'))
        return badRequest(ctx, 'task_ids must be a non-empty array of task ids');
      const problem = check(body);
      if (problem) return badRequest(ctx, problem);
      const notFound: string[] = [];
      let count = 0;
      for (const id of ids as string[]) {
        const t = store.task(apiKey, id);
        if (!t) notFound.push(id);
        else {
          fn(t, body);
          count++;
        }
      }
      sendJson(ctx.res, 200, { data: { [counter]: count, not_found: notFound } });
    });
  batch(
    'PUT',
    '/api/v1/tasks/batch/pin',
    'updated',
    (b) => (typeof b.is_pinned === 'boolean' ? undefined : 'is_pinned must be a boolean'),
    (t, b) => (t.isPinned = b.is_pinned as boolean),
  );
  batch(
    'DELETE',
    '/api/v1/tasks/batch',
    'deleted',
    () => undefined,
    (t) => store.delete(t),
  );

  withTask('DELETE', '/api/v1/tasks/:taskId', (ctx, task) => {
    store.delete(task);
    sendJson(ctx.res, 200, {});
  });

  withTask('PUT', '/api/v1/tasks/:taskId/pin', async (ctx, task) => {
    const body = await jsonBody(ctx);
    if (!body) return;
    if (typeof body.is_pinned !== 'boolean') return badRequest(ctx, 'is_pinned must be a boolean');
    task.isPinned = body.is_pinned;
    ok(ctx, task);
  });

  withTask('PUT', '/api/v1/tasks/:taskId/read', (ctx, task) => {
    task.isUnread = false;
    ok(ctx, task);
  });

  withTask('PATCH', '/api/v1/tasks/:taskId/name', async (ctx, task) => {
    const body = await jsonBody(ctx);
    if (!body) return;
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    // Length limit NOT DOCUMENTED: the emulator allows 200 characters, no control characters.
    if (!name) return badRequest(ctx, 'name is required');
    if ([...name].length > 200 || CONTROL.test(name)) return badRequest(ctx, 'name must be at most 200 characters without control characters');
    task.title = name;
    ok(ctx, task);
  });

  withTask('POST', '/api/v1/tasks/:taskId/force-fail', (ctx, task) => {
    if (!ACTIVE.includes(task.processingStatus)) return invalidState(ctx, `Only an active task can be forced to fail; this one is ${task.processingStatus}`);
    store.forceFail(task);
    ok(ctx, task);
  });

  withTask('POST', '/api/v1/tasks/:taskId/retry', (ctx, task) => {
    if (task.processingStatus !== 'failed') return invalidState(ctx, `Only a failed task can be retried; this one is ${task.processingStatus}`);
    store.retry(task);
    ok(ctx, task);
  });

  withTask('GET', '/api/v1/tasks/:taskId/transcript/export', (ctx, task) => {
    const format = (ctx.url.searchParams.get(TRANSCRIPT_EXPORT_PARAM) ?? 'txt').toLowerCase() as TranscriptFormat;
    if (!TRANSCRIPT_FORMATS.includes(format)) return badRequest(ctx, `${TRANSCRIPT_EXPORT_PARAM} must be one of ${TRANSCRIPT_FORMATS.join(', ')}`);
    if (task.processingStatus !== 'completed') return invalidState(ctx, 'The transcript is not ready yet');
    const { body, contentType } = renderExport(task, format);
    sendText(ctx.res, 200, body, contentType, { 'content-disposition': attachment(`${task.title}.${format}`) });
  });

  withTask('GET', '/api/v1/tasks/:taskId/audio/export', (ctx, task) => {
    if (task.audioStatus !== 'success') return invalidState(ctx, 'This task has no audio yet');
    sendText(ctx.res, 200, taskAudio(task), 'audio/wav', { 'content-disposition': attachment(`${task.title}.wav`) });
  });

  // /sse/audio is a plain file with Range support (§5.6), authenticated like the SSE routes.
  server.route('GET', '/api/v1/sse/audio/:taskId', (ctx) => {
    const apiKey = authenticateSse(ctx, options);
    if (!apiKey) return;
    const task = findTask(ctx, store, apiKey);
    if (!task) return;
    if (task.audioStatus !== 'success') return invalidState(ctx, 'This task has no audio yet');
    const audio = taskAudio(task);
    const base = { 'accept-ranges': 'bytes', 'cache-control': 'no-cache' };
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(ctx.req.headers.range ?? ''));
    if (!range) return sendText(ctx.res, 200, audio, 'audio/wav', base);
    let start = range[1] === '' ? audio.length - Number(range[2]) : Number(range[1]);
    let end = range[1] === '' || range[2] === '' ? audio.length - 1 : Number(range[2]);
    start = Math.max(0, start);
    end = Math.min(end, audio.length - 1);
    if (start > end || start >= audio.length) {
      ctx.res.writeHead(416, { 'content-range': `bytes */${audio.length}` });
      ctx.res.end();
      return;
    }
    const slice = audio.subarray(start, end + 1);
    ctx.res.writeHead(206, { ...base, 'content-type': 'audio/wav', 'content-length': slice.length, 'content-range': `bytes ${start}-${end}/${audio.length}` });
    ctx.res.end(slice);
  });

  // ---- speakers (V1.4.1 paths plus the deprecated /recordings aliases for rename and reassign) --------

  const findSpeaker = (task: StoredTask, idOrLabel: string): string | undefined => {
    if (task.speakers.has(idOrLabel)) return idOrLabel;
    for (const [id, label] of task.speakers) if (label === idOrLabel) return id;
    return undefined;
  };
  const speakerNotFound = (ctx: RouteContext, id: string) =>
    sendJson(ctx.res, 404, vurboError('speaker_not_found', `Speaker ${id} not found in this task`, 'error', { context: 'speaker' }));

  const rename = async (ctx: RouteContext, task: StoredTask) => {
    const body = await jsonBody(ctx);
    if (!body) return;
    const speakerId = body.speaker_id;
    if (typeof speakerId !== 'string' || speakerId === '' || [...speakerId].length > LABEL_MAX)
      return badRequest(ctx, 'speaker_id is required (at most 100 characters)');
    const problem = labelError(body.new_label);
    if (problem) return badRequest(ctx, problem, 'speaker_label_invalid', { context: 'speaker' });
    const id = findSpeaker(task, speakerId);
    if (!id) return speakerNotFound(ctx, speakerId);
    task.speakers.set(id, body.new_label as string);
    let updated = 0;
    for (let i = 0; i < task.sentences.length; i++) if (task.sentences.at(i).speakerId === id) updated++;
    sendJson(ctx.res, 200, { data: { speaker_id: id, new_label: body.new_label, updated_sentences: updated } });
  };

  /** The JSON body and the sentences of a task whose speakers can be edited; otherwise it answers the error itself. */
  const speakerEdit = async (ctx: RouteContext, task: StoredTask) => {
    const body = await jsonBody(ctx);
    if (!body) return undefined;
    const sentences = sentencesToArray(task.sentences);
    if (!sentences) return invalidState(ctx, 'Speakers of this task cannot be edited');
    return { body, sentences };
  };

  const reassign = async (ctx: RouteContext, task: StoredTask) => {
    const edit = await speakerEdit(ctx, task);
    if (!edit) return;
    const { body, sentences } = edit;
    if (typeof body.sid !== 'number' || typeof body.speaker_id !== 'string' || body.speaker_id === '')
      return badRequest(ctx, 'sid (number) and speaker_id (string) are required');
    const sentence = sentences.find((s) => s.sid === body.sid);
    if (!sentence) return sendJson(ctx.res, 404, vurboError('sentence_not_found', `Sentence ${body.sid} not found`, 'error', { context: 'speaker' }));
    const id = findSpeaker(task, body.speaker_id) ?? body.speaker_id;
    if (!task.speakers.has(id)) {
      const problem = labelError(id);
      if (problem) return badRequest(ctx, problem.replace('new_label', 'speaker_id'), 'speaker_label_invalid');
      task.speakers.set(id, id);
    }
    sentence.speakerId = id;
    sendJson(ctx.res, 200, { data: { sid: sentence.sid, speaker_id: id, updated_sentences: 1 } });
  };

  for (const prefix of ['/api/v1/tasks', '/api/v1/recordings']) {
    const deprecated = prefix.endsWith('recordings');
    const wrap = (fn: (ctx: RouteContext, task: StoredTask) => Promise<void>) => async (ctx: RouteContext, task: StoredTask) => {
      if (deprecated) ctx.res.setHeader('deprecation', 'true');
      await fn(ctx, task);
    };
    withTask('PATCH', `${prefix}/:taskId/speakers/rename`, wrap(rename));
    withTask('PATCH', `${prefix}/:taskId/speakers/reassign`, wrap(reassign));
  }

  withTask('PATCH', '/api/v1/tasks/:taskId/speakers/merge', async (ctx, task) => {
    const edit = await speakerEdit(ctx, task);
    if (!edit) return;
    const { body, sentences } = edit;
    const sources = body.source_speaker_ids;
    if (!Array.isArray(sources) || sources.length === 0 || !sources.every((s) => typeof s === 'string') || typeof body.target_speaker_id !== 'string') {
      return badRequest(ctx, 'source_speaker_ids (non-empty array) and target_speaker_id are required');
    }
    const target = findSpeaker(task, body.target_speaker_id);
    if (!target) return speakerNotFound(ctx, body.target_speaker_id);
    const ids: string[] = [];
    for (const s of sources as string[]) {
      const id = findSpeaker(task, s);
      if (!id) return speakerNotFound(ctx, s);
      if (id !== target) ids.push(id);
    }
    let updated = 0;
    for (const s of sentences) {
      if (ids.includes(s.speakerId)) {
        s.speakerId = target;
        updated++;
      }
    }
    for (const id of ids) task.speakers.delete(id);
    sendJson(ctx.res, 200, { data: { speaker_id: target, updated_sentences: updated } });
  });
}
