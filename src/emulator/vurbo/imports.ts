// Emulated audio imports (vurbo-vas.md §4.3, §5.5): the budget check, the multipart upload (MP3,
// WAV, M4A; 1 s – 10 h; ≤ 500 MB; a 402 when it would exceed the monthly budget), import status and
// list, and the progress stream that follows an import through its stages to a completed task.
import { probeAudio } from '../../core/vurbo/audioDuration';
import type { ImportProgressWire } from '../../core/vurbo/inferred';
import { BUDGET_EXCEEDED, IMPORT_EVENTS } from '../../core/vurbo/inferred';
import type { ResolvedOptions } from '../options';
import { sendJson, vurboError, type EmulatorServer, type RouteContext } from '../server';
import { SseWriter } from '../sse';
import { LANGUAGE_PATTERN } from './catalog';
import type { ImportRecord, VurboStore } from './store';
import { resumeAfter } from './streams';
import { authenticateSse, badRequest, importWire, jsonBody } from './wire';
import { authenticateVurbo } from './requests';

export interface ImportRouteSettings {
  /** The server closes a progress stream after this long (the docs say it times out; value NOT DOCUMENTED). */
  progressStreamTimeoutMs: number;
}

const MIN_MS = 1_000;
const MAX_MS = 36_000_000;
const MAX_BYTES = 500 * 1024 * 1024;
const TYPES: Record<string, string[]> = {
  mp3: ['audio/mpeg', 'audio/mp3'],
  wav: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  m4a: ['audio/mp4', 'audio/x-m4a', 'audio/m4a', 'audio/aac'],
};

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** A whole multipart/form-data body split into parts (undefined when it is not one). */
function parseMultipart(body: Buffer, contentType: string): Part[] | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) return undefined;
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts;
    pos += 2; // CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) return undefined;
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) return undefined;
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    parts.push({
      name,
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
      data: body.subarray(headerEnd + 4, next),
    });
    pos = next + 2;
  }
}

/** Audio length in ms from the file's headers; compressed audio without a frame count is estimated. */
async function audioDurationMs(data: Buffer, ext: string): Promise<number> {
  const read = async (position: number, length: number) => data.subarray(position, position + length);
  return (await probeAudio(read, data.length, ext))?.durationMs ?? Math.round((data.length / 16_000) * 1000);
}

function languages(value: string | undefined): string[] | undefined {
  if (value === undefined || value === '') return [];
  try {
    const v: unknown = JSON.parse(value);
    return Array.isArray(v) && v.every((l) => typeof l === 'string' && LANGUAGE_PATTERN.test(l)) ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function progressWire(i: ImportRecord): ImportProgressWire {
  return { import_id: i.id, task_id: i.taskId, status: i.status, stage: i.stage, percent: i.percent };
}

export function registerImportRoutes(server: EmulatorServer, options: ResolvedOptions, store: VurboStore, settings: ImportRouteSettings): void {
  const quota = (apiKey: string, durationMs: number) => {
    const budget = store.budgetOf(apiKey);
    const { minutes, cost } = store.costOf(durationMs);
    const perMinute = store.settings.costPerMinuteUsd;
    return {
      allowed: budget === null || cost <= budget,
      remaining_budget: budget,
      is_unlimited: budget === null,
      duration_minutes: minutes,
      estimated_cost: cost,
      remaining_minutes: budget === null ? null : Math.floor(budget / perMinute),
    };
  };

  server.route('POST', '/api/v1/imports/check-quota', async (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    const body = await jsonBody(ctx);
    if (!body) return;
    const ms = body.duration_ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < MIN_MS || ms > MAX_MS)
      return badRequest(ctx, 'duration_ms must be an integer between 1000 and 36000000');
    sendJson(ctx.res, 200, { data: quota(apiKey, ms) });
  });

  server.route('POST', '/api/v1/imports', async (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    const declared = Number(ctx.req.headers['content-length'] ?? 0);
    if (declared > MAX_BYTES + 1024 * 1024)
      return sendJson(ctx.res, 413, vurboError('file_too_large', 'The file is larger than 500 MB', 'error', { context: 'import' }));
    const parts = parseMultipart(await ctx.body(), String(ctx.req.headers['content-type'] ?? ''));
    if (!parts) return badRequest(ctx, 'The request must be multipart/form-data');
    const field = (name: string) => parts.find((p) => p.name === name && p.filename === undefined)?.data.toString('utf8');
    const file = parts.find((p) => p.name === 'file' && p.filename !== undefined);
    if (!file) return badRequest(ctx, 'file is required');
    const ext = (/\.([a-z0-9]+)$/i.exec(file.filename ?? '')?.[1] ?? '').toLowerCase();
    const types = TYPES[ext];
    if (!types || (file.contentType && !types.includes(file.contentType.toLowerCase()) && file.contentType !== 'application/octet-stream')) {
      return badRequest(ctx, 'Only MP3 (audio/mpeg), WAV (audio/wav) and M4A (audio/mp4) files can be imported', 'validation_failed', { context: 'import' });
    }
    if (file.data.length > MAX_BYTES)
      return sendJson(ctx.res, 413, vurboError('file_too_large', 'The file is larger than 500 MB', 'error', { context: 'import' }));
    const durationMs = await audioDurationMs(file.data, ext);
    if (durationMs < MIN_MS) return badRequest(ctx, 'The audio must be at least 1 second long', 'validation_failed', { context: 'import' });
    if (durationMs > MAX_MS) return badRequest(ctx, 'The audio must be at most 10 hours long', 'validation_failed', { context: 'import' });
    const transcription = languages(field('transcription_languages'));
    if (!transcription || transcription.length === 0 || transcription.length > 2)
      return badRequest(ctx, 'transcription_languages must be a JSON array of one or two language codes');
    const translation = languages(field('translation_languages'));
    if (!translation) return badRequest(ctx, 'translation_languages must be a JSON array of language codes');
    const mode = field('recognition_mode') ?? 'single';
    if (mode !== 'single' && mode !== 'multi_speaker') return badRequest(ctx, 'recognition_mode must be single or multi_speaker');
    if (mode === 'multi_speaker' && transcription.length !== 1)
      return badRequest(ctx, 'multi_speaker needs exactly one transcription language', 'diarization_multilang_conflict');
    const q = quota(apiKey, durationMs);
    if (!q.allowed) {
      return sendJson(
        ctx.res,
        BUDGET_EXCEEDED.status,
        vurboError(BUDGET_EXCEEDED.code, `This import would cost $${q.estimated_cost} but only $${q.remaining_budget} of the monthly budget is left`, 'error', {
          context: 'budget',
          details: q,
        }),
      );
    }
    const record = store.startImport(apiKey, {
      filename: file.filename!,
      durationMs,
      sizeBytes: file.data.length,
      transcriptionLanguages: transcription,
      translationLanguages: translation,
      summaryTemplate: field('summary_template') || undefined,
    });
    sendJson(ctx.res, 201, { data: importWire(record) });
  });

  server.route('GET', '/api/v1/imports', (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    sendJson(ctx.res, 200, { data: store.importsOf(apiKey).map(importWire) });
  });

  const findImport = (ctx: RouteContext, apiKey: string) => {
    const record = store.importById(apiKey, ctx.params.importId);
    if (!record) sendJson(ctx.res, 404, vurboError('import_not_found', `Import ${ctx.params.importId} not found`, 'error', { context: 'import' }));
    return record;
  };

  server.route('GET', '/api/v1/imports/:importId', (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    const record = findImport(ctx, apiKey);
    if (record) sendJson(ctx.res, 200, { data: importWire(record) });
  });

  // connected, progress… (one per change, id = the import's change counter), then completed | failed.
  server.route('GET', '/api/v1/sse/imports/:importId/progress', (ctx) => {
    const apiKey = authenticateSse(ctx, options);
    if (!apiKey) return;
    const record = findImport(ctx, apiKey);
    if (!record) return;
    const writer = new SseWriter(ctx.res, ctx.fault);
    if (!writer.send(IMPORT_EVENTS.connected, { message: 'connected', import_id: record.id })) return;
    let sent = resumeAfter(ctx.req);
    const finish = () => {
      record.listeners.delete(push);
      clearTimeout(timeout);
      writer.end();
    };
    const push = () => {
      if (writer.closed) return finish();
      if (record.seq <= sent) return;
      sent = record.seq;
      if (record.status === 'completed') {
        writer.send(IMPORT_EVENTS.completed, { ...progressWire(record), message: 'Import completed' }, record.seq);
        return finish();
      }
      if (record.status === 'failed') {
        const e = record.error ?? { code: 'task_failed', message: 'Import failed' };
        writer.send(
          IMPORT_EVENTS.failed,
          vurboError(e.code, e.message, 'fatal', { context: 'import', details: { import_id: record.id, task_id: record.taskId } }),
          record.seq,
        );
        return finish();
      }
      if (!writer.send(IMPORT_EVENTS.progress, progressWire(record), record.seq)) finish();
    };
    // The docs say the stream ends when "the connection times out": a clean end, the client comes back.
    const timeout = setTimeout(finish, settings.progressStreamTimeoutMs);
    timeout.unref?.();
    record.listeners.add(push);
    ctx.res.on('close', () => {
      record.listeners.delete(push);
      clearTimeout(timeout);
    });
    push();
  });
}
