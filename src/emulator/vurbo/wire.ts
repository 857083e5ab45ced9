// Request and response helpers of the emulated Vurbo REST/SSE routes: key checks (header, and the
// documented `?api_key=` fallback on SSE), task lookup, and the wire forms of tasks and sentences.
import type { IncomingMessage } from 'node:http';
import type { HistoryMetadataWire, ImportWire, SentenceWire } from '../../core/vurbo/inferred';
import type { ResolvedOptions } from '../options';
import { sendJson, vurboError, type RouteContext } from '../server';
import { authenticateVurbo, readJsonBody } from './requests';
import type { StoredSentence } from './sentences';
import type { ImportRecord, StoredTask, VurboStore } from './store';

/** SSE: `X-API-Key`, or `?api_key=` when the header is absent (vurbo-vas.md §2.1). */
export function authenticateSse(ctx: RouteContext, options: ResolvedOptions): string | undefined {
  const query = ctx.url.searchParams.get('api_key');
  if (ctx.req.headers['x-api-key'] === undefined && query !== null) {
    const req = { headers: { 'x-api-key': query } } as unknown as IncomingMessage;
    return authenticateVurbo({ ...ctx, req }, options);
  }
  return authenticateVurbo(ctx, options);
}

export function badRequest(ctx: RouteContext, message: string, code = 'validation_failed', extra: Record<string, unknown> = {}): void {
  sendJson(ctx.res, 400, vurboError(code, message, 'error', extra));
}

/** The caller's task, or a 404 `task_not_found` answered here. */
export function findTask(ctx: RouteContext, store: VurboStore, apiKey: string): StoredTask | undefined {
  const task = store.task(apiKey, ctx.params.taskId);
  if (!task) sendJson(ctx.res, 404, vurboError('task_not_found', `Task ${ctx.params.taskId} not found`, 'error', { context: 'task' }));
  return task;
}

export function invalidState(ctx: RouteContext, message: string): void {
  sendJson(ctx.res, 409, vurboError('invalid_state', message, 'error', { context: 'task' }));
}

/** `m:ss` with unbounded minutes, as the docs show ("1:00", "60:00"). */
function durationFormatted(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function taskWire(t: StoredTask): Record<string, unknown> {
  return {
    task_id: t.id,
    title: t.title,
    type: t.type,
    type_source: t.typeSource,
    duration_ms: t.durationMs,
    duration_formatted: durationFormatted(t.durationMs),
    source_lang: t.sourceLang,
    target_lang: t.targetLangs[0] ?? null,
    created_at: t.createdAt,
    audio_status: t.audioStatus,
    processing_status: t.processingStatus,
    is_pinned: t.isPinned,
    is_unread: t.isUnread,
  };
}

export function speakerLabel(task: StoredTask, speakerId: string): string {
  return task.speakers.get(speakerId) ?? speakerId;
}

export function sentenceWire(task: StoredTask, s: StoredSentence): SentenceWire {
  return {
    sid: s.sid,
    text: s.text,
    start_ms: s.startMs,
    end_ms: s.endMs,
    speaker_id: s.speakerId,
    speaker_label: speakerLabel(task, s.speakerId),
    language: s.language,
    translations: s.translations,
  };
}

export function metadataWire(task: StoredTask): HistoryMetadataWire {
  return {
    task_id: task.id,
    title: task.title,
    type: task.type,
    source_lang: task.sourceLang,
    target_lang: task.targetLangs[0],
    target_langs: task.targetLangs,
    duration_ms: task.durationMs,
    created_at: task.createdAt,
    speakers: [...task.speakers].map(([speaker_id, speaker_label]) => ({ speaker_id, speaker_label })),
    total_sentences: task.sentences.length,
  };
}

export function importWire(i: ImportRecord): ImportWire {
  return {
    import_id: i.id,
    task_id: i.taskId,
    status: i.status,
    filename: i.filename,
    duration_ms: i.durationMs,
    size_bytes: i.sizeBytes,
    percent: i.percent,
    created_at: i.createdAt,
  };
}

/** The body as a JSON object; answers 400 and returns undefined when it is not one. */
export async function jsonBody(ctx: RouteContext): Promise<Record<string, unknown> | undefined> {
  const value = await readJsonBody(ctx);
  if (!value) badRequest(ctx, 'The request body must be a JSON object');
  return value;
}
