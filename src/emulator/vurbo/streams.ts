// Emulated SSE routes (vurbo-vas.md §5): history replay, retranslation (all sentences, the summary,
// one sentence), summary regeneration (GET preview / POST persist), POST /summary with Bearer auth,
// and the TTS stream. Every logical event carries an `id:` (1, 2, …) so a client that reconnects
// with `Last-Event-ID` gets only what follows; `connected` is per connection and has no id.
// The fault knobs (drop, stall, malformed) apply per stream through SseWriter; pacing follows
// `options.sseEventIntervalMs`.
import type { IncomingMessage } from 'node:http';
import { HISTORY_EVENTS, RETRANSLATE_EVENTS, RETRANSLATE_TARGET_PARAM, SUMMARY_EVENTS, TTS_EVENTS, BUDGET_EXCEEDED } from '../../core/vurbo/inferred';
import type { SummaryParams } from '../../core/vurbo/summaryParams';
import type { ResolvedOptions } from '../options';
import { delay, sendJson, vurboError, type EmulatorServer, type RouteContext } from '../server';
import { SseWriter } from '../sse';
import { LANGUAGE_PATTERN, TEMPLATES, speechSample, voiceFor } from './catalog';
import { summaryFor, translationFor } from './liveScript';
import { sentencesToArray, type StoredSentence } from './sentences';
import type { StoredTask, VurboStore } from './store';
import { authenticateSse, badRequest, findTask, invalidState, metadataWire, sentenceWire } from './wire';

export interface StreamRouteSettings {
  /** What one summary generation costs (USD), billed even for the GET preview (§5.3). */
  summaryCostUsd: number;
  /** Events written per socket write when not paced (throughput). */
  batchSize: number;
}

type Event = { event: string; data: unknown };

/** The id the client resumes after (0 when absent or unreadable). */
export function resumeAfter(req: IncomingMessage): number {
  const n = Number(req.headers['last-event-id']);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * Writes events `from..total` (1-based ids). Unpaced streams go out in batches, one socket write each,
 * with a turn of the event loop between them, so a million-event stream neither floods memory nor
 * starves the socket.
 */
async function pump(
  writer: SseWriter,
  total: number,
  at: (id: number) => Event,
  from: number,
  intervalMs: number,
  batchSize = 256,
  withIds = true,
): Promise<boolean> {
  let id = from;
  while (id <= total) {
    if (intervalMs > 0) {
      const e = at(id);
      if (!writer.send(e.event, e.data, withIds ? id : undefined)) return false;
      id++;
      await delay(intervalMs);
      continue;
    }
    const end = Math.min(total, id + batchSize - 1);
    let ok = true;
    writer.hold();
    for (; id <= end; id++) {
      const e = at(id);
      if (!writer.send(e.event, e.data, withIds ? id : undefined)) {
        ok = false;
        break;
      }
    }
    writer.flush();
    if (!ok) return false;
    await writer.drain();
    await new Promise((r) => setImmediate(r));
    if (writer.closed) return false;
  }
  return true;
}

function translate(s: StoredSentence, target: string): string {
  if (s.translations[target] !== undefined) return s.translations[target];
  return s.scriptIndex !== undefined ? translationFor(s.scriptIndex, target, s.text) : `[${target}] ${s.text}`;
}

function translationError(task: StoredTask, sid: number, target: string): unknown {
  return vurboError('translation_failed', `Translation of sentence ${sid} failed`, 'error', {
    context: 'translation',
    sid,
    details: { provider: 'emulator-mt', translation_language: target, source_lang: task.sourceLang },
  });
}

/** A sentence's retranslation: its `error` when it is set to fail, else its text (kept when the task holds its sentences). */
function retranslationEvent(task: StoredTask, s: StoredSentence, target: string, keep: boolean): Event {
  if (task.failingTranslations.has(s.sid)) return { event: RETRANSLATE_EVENTS.error, data: translationError(task, s.sid, target) };
  const text = translate(s, target);
  if (keep) s.translations[target] = text;
  return { event: RETRANSLATE_EVENTS.translation, data: { sid: s.sid, target_lang: target, text, source_text: s.text } };
}

/** The client's SummaryParams as they arrive: the mode is whatever was sent, checked here. */
type SummaryRequest = Omit<SummaryParams, 'mode'> & { mode: string };

/** The §4.9 / §5.3 rules; answers 400 itself and returns false when they are broken. */
function validSummaryRequest(ctx: RouteContext, p: SummaryRequest): boolean {
  const conflict = (m: string) => (sendJson(ctx.res, 400, vurboError('summary_mode_conflict', m, 'error', { context: 'summary' })), false);
  if (p.mode !== 'builtin' && p.mode !== 'custom') return (badRequest(ctx, 'mode must be builtin or custom'), false);
  if (p.mode === 'builtin') {
    if (p.prompt !== undefined || p.promptSlug !== undefined) return conflict('prompt and prompt_slug are not allowed in builtin mode');
    if (!p.template) return (badRequest(ctx, 'template is required in builtin mode'), false);
    if (!TEMPLATES.some((t) => t.slug === p.template)) return (badRequest(ctx, `Unknown template ${p.template}`), false);
  } else {
    if (p.template !== undefined) return conflict('template is not allowed in custom mode');
    if (!p.prompt) return (badRequest(ctx, 'prompt is required in custom mode'), false);
  }
  if (p.prompt && p.prompt.length > 2000) return (badRequest(ctx, 'prompt must be at most 2000 characters'), false);
  if (p.promptSlug && ([...p.promptSlug].length > 64 || /[\x00-\x1F\x7F]/.test(p.promptSlug)))
    return (badRequest(ctx, 'prompt_slug must be at most 64 characters without control characters'), false);
  if (p.language && !LANGUAGE_PATTERN.test(p.language)) return (badRequest(ctx, 'language is malformed'), false);
  return true;
}

/** A JSON body's summary fields: §5.3 names them in camelCase, POST /api/v1/summary (§4.9) in snake_case. */
function summaryRequestOf(b: Record<string, unknown>, naming: 'camelCase' | 'snake_case'): SummaryRequest {
  const camel = naming === 'camelCase';
  return {
    mode: String(b.mode ?? ''),
    template: b.template as string | undefined,
    prompt: b.prompt as string | undefined,
    promptSlug: (camel ? b.promptSlug : b.prompt_slug) as string | undefined,
    language: b.language as string | undefined,
    plainText: (camel ? b.plainText : b.plain_text) === true,
  };
}

function summaryEvents(text: string, language: string | undefined, template: string | undefined, extra: Record<string, unknown> = {}): Event[] {
  const pieces = text.match(/[^\n]+\n?|\n/g) ?? [text];
  return [
    ...pieces.map((delta) => ({ event: SUMMARY_EVENTS.chunk, data: { delta } })),
    { event: SUMMARY_EVENTS.summary, data: { summary: text, language, template } },
    { event: SUMMARY_EVENTS.done, data: extra },
  ];
}

export function registerStreamRoutes(server: EmulatorServer, options: ResolvedOptions, store: VurboStore, settings: StreamRouteSettings): void {
  const sseTask = (path: string, method: 'GET' | 'POST', handler: (ctx: RouteContext, task: StoredTask, apiKey: string) => Promise<void> | void) =>
    server.route(method, path, async (ctx) => {
      const apiKey = authenticateSse(ctx, options);
      if (!apiKey) return;
      const task = findTask(ctx, store, apiKey);
      if (task) await handler(ctx, task, apiKey);
    });
  /** Opens a task's stream, sends `connected`, then events `1..total` after the client's Last-Event-ID. */
  const play = async (ctx: RouteContext, task: StoredTask, events: { total: number; at: (id: number) => Event }) => {
    const writer = new SseWriter(ctx.res, ctx.fault);
    if (!writer.send(HISTORY_EVENTS.connected, { message: 'connected', task_id: task.id })) return;
    // The other endings a real server may choose (options.sseEnd): the last event is the terminal one.
    const total = options.sseEnd === 'close' ? events.total - 1 : events.total;
    const at =
      options.sseEnd === 'unknownTerminal' ? (id: number) => (id === events.total ? { ...events.at(id), event: 'stream_end' } : events.at(id)) : events.at;
    if (await pump(writer, total, at, resumeAfter(ctx.req) + 1, options.sseEventIntervalMs, settings.batchSize, options.sseIds)) writer.end();
  };
  const targetLang = (ctx: RouteContext): string | undefined => {
    const lang = ctx.url.searchParams.get(RETRANSLATE_TARGET_PARAM);
    if (!lang || !LANGUAGE_PATTERN.test(lang)) {
      badRequest(ctx, `${RETRANSLATE_TARGET_PARAM} is required, e.g. en-US`);
      return undefined;
    }
    return lang;
  };
  const bill = (ctx: RouteContext, apiKey: string): boolean => {
    const budget = store.budgetOf(apiKey);
    if (budget !== null && budget < settings.summaryCostUsd) {
      sendJson(ctx.res, BUDGET_EXCEEDED.status, vurboError(BUDGET_EXCEEDED.code, 'Monthly budget exceeded', 'error', { context: 'budget' }));
      return false;
    }
    store.charge(apiKey, settings.summaryCostUsd);
    return true;
  };

  // History: init_metadata, one `entry` per sentence, the summary, done (§5.1; later names INFERRED).
  sseTask('/api/v1/sse/history/transcribe/:taskId', 'GET', (ctx, task) => {
    const n = task.sentences.length;
    const summaryId = task.summary !== undefined ? n + 2 : undefined;
    const total = n + 2 + (summaryId ? 1 : 0);
    return play(ctx, task, {
      total,
      at: (id) => {
        if (id === 1) return { event: HISTORY_EVENTS.metadata, data: metadataWire(task) };
        if (id <= n + 1) return { event: HISTORY_EVENTS.sentence, data: sentenceWire(task, task.sentences.at(id - 2)) };
        if (id === summaryId)
          return { event: HISTORY_EVENTS.summary, data: { summary: task.summary, language: task.sourceLang, template: task.summaryTemplate } };
        return { event: HISTORY_EVENTS.done, data: { task_id: task.id, total_sentences: n } };
      },
    });
  });

  // Retranslation of every sentence: `translation` / `error` (with sid) interleaved, then `done` (§5.2).
  sseTask('/api/v1/sse/retranslate/:taskId', 'GET', (ctx, task) => {
    const target = targetLang(ctx);
    if (!target) return;
    if (task.processingStatus !== 'completed') return invalidState(ctx, 'Only a completed task can be retranslated');
    const n = task.sentences.length;
    const stored = sentencesToArray(task.sentences);
    if (!task.targetLangs.includes(target) && target !== task.sourceLang) task.targetLangs.push(target);
    const failed = [...task.failingTranslations].filter((sid) => sid >= 1 && sid <= n).length;
    return play(ctx, task, {
      total: n + 1,
      at: (id) => {
        if (id > n) return { event: RETRANSLATE_EVENTS.done, data: { task_id: task.id, total_sentences: n, succeeded: n - failed, failed } };
        return retranslationEvent(task, task.sentences.at(id - 1), target, stored !== undefined);
      },
    });
  });

  sseTask('/api/v1/sse/retranslate/summary/:taskId', 'GET', (ctx, task) => {
    const target = targetLang(ctx);
    if (!target) return;
    if (task.summary === undefined) return invalidState(ctx, 'This task has no summary');
    const text = `[${target}] ${task.summary}`;
    return play(ctx, task, {
      total: 2,
      at: (id) =>
        id === 1
          ? { event: RETRANSLATE_EVENTS.translation, data: { target_lang: target, text } }
          : { event: RETRANSLATE_EVENTS.done, data: { task_id: task.id } },
    });
  });

  sseTask('/api/v1/sse/recordings/:taskId/entries/:sid/retranslate', 'GET', (ctx, task) => {
    const target = targetLang(ctx);
    if (!target) return;
    const sid = Number(ctx.params.sid);
    let sentence: StoredSentence | undefined;
    for (let i = 0; i < task.sentences.length && !sentence; i++) if (task.sentences.at(i).sid === sid) sentence = task.sentences.at(i);
    if (!sentence)
      return sendJson(ctx.res, 404, vurboError('sentence_not_found', `Sentence ${ctx.params.sid} not found`, 'error', { context: 'retranslation' }));
    const s = sentence;
    return play(ctx, task, {
      total: 2,
      at: (id) => {
        if (id === 2) return { event: RETRANSLATE_EVENTS.done, data: { task_id: task.id, total_sentences: 1 } };
        return retranslationEvent(task, s, target, sentencesToArray(task.sentences) !== undefined);
      },
    });
  });

  // Summary regeneration: GET previews (billed, nothing saved), POST persists and bumps the revision (§5.3).
  const regenerate = (persist: boolean) => async (ctx: RouteContext, task: StoredTask, apiKey: string) => {
    let p: SummaryRequest;
    if (persist) {
      let body: unknown;
      try {
        body = JSON.parse((await ctx.body()).toString('utf8') || '{}');
      } catch {
        return badRequest(ctx, 'The request body must be JSON');
      }
      const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      p = summaryRequestOf(b, 'camelCase');
    } else {
      const q = ctx.url.searchParams;
      const opt = (k: string) => q.get(k) ?? undefined;
      p = {
        mode: q.get('mode') ?? '',
        template: opt('template'),
        prompt: opt('prompt'),
        promptSlug: opt('promptSlug'),
        language: opt('language'),
        plainText: q.get('plainText') === 'true',
      };
    }
    if (!validSummaryRequest(ctx, p)) return;
    if (task.processingStatus !== 'completed') return invalidState(ctx, 'Only a completed task can be summarised');
    if (!bill(ctx, apiKey)) return;
    const texts: string[] = [];
    for (let i = 0; i < Math.min(task.sentences.length, 50); i++) texts.push(task.sentences.at(i).text);
    let text = summaryFor(p.template ?? p.promptSlug ?? 'custom', texts);
    if (p.plainText) text = text.replace(/^- /gm, '');
    const extra: Record<string, unknown> = { task_id: task.id, persisted: persist };
    if (persist) {
      task.summary = text;
      task.summaryTemplate = p.template;
      extra.revision = ++task.summaryRevision;
    }
    const events = summaryEvents(text, p.language ?? task.sourceLang, p.template, extra);
    await play(ctx, task, { total: events.length, at: (id) => events[id - 1] });
  };
  sseTask('/api/v1/sse/regenerate/summary/:taskId', 'GET', regenerate(false));
  sseTask('/api/v1/sse/regenerate/summary/:taskId', 'POST', regenerate(true));

  // POST /api/v1/summary: the one endpoint with `Authorization: Bearer <api_key>` (§2.1, §4.9).
  server.route('POST', '/api/v1/summary', async (ctx) => {
    const m = /^Bearer\s+(\S+)$/i.exec(String(ctx.req.headers.authorization ?? ''));
    const req = { headers: m ? { 'x-api-key': m[1] } : {} } as unknown as IncomingMessage;
    const apiKey = authenticateSse({ ...ctx, req, url: new URL('http://127.0.0.1/') }, options);
    if (!apiKey) return;
    let b: Record<string, unknown>;
    try {
      const v: unknown = JSON.parse((await ctx.body()).toString('utf8') || '{}');
      b = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    } catch {
      return badRequest(ctx, 'The request body must be JSON');
    }
    const content = typeof b.content === 'string' ? b.content : '';
    if (!content.trim()) return badRequest(ctx, 'content is required');
    if (content.length > 100_000) return badRequest(ctx, 'content must be at most 100000 characters');
    const p = summaryRequestOf(b, 'snake_case');
    if (!validSummaryRequest(ctx, p)) return;
    if (!bill(ctx, apiKey)) return;
    const sentences = content.split(/(?<=[.!?。])\s+/).filter((s) => s.trim());
    let text = summaryFor(p.template ?? p.promptSlug ?? 'custom', sentences);
    if (p.plainText) text = text.replace(/^- /gm, '');
    const events = summaryEvents(text, p.language, p.template);
    const writer = new SseWriter(ctx.res, ctx.fault);
    if (await pump(writer, events.length, (id) => events[id - 1], 1, options.sseEventIntervalMs, settings.batchSize)) writer.end();
  });

  // TTS: translated sentences as audio with word boundaries (§5.4); `length` trimmed to 20.
  sseTask('/api/v1/sse/tts/:taskId', 'GET', (ctx, task) => {
    const q = ctx.url.searchParams;
    const language = q.get('language');
    if (!language || !LANGUAGE_PATTERN.test(language)) return badRequest(ctx, 'language is required, e.g. en-US');
    const voiceName = q.get('voice');
    if (!voiceFor(language, null)) return badRequest(ctx, `Language ${language} is not supported for TTS`, 'tts_invalid_language', { context: 'tts' });
    const voice = voiceFor(language, voiceName);
    if (!voice) return badRequest(ctx, `Voice ${voiceName} does not speak ${language}`);
    const startSid = q.has('sid') ? Number(q.get('sid')) : 1;
    const length = q.has('length') ? Number(q.get('length')) : 1;
    if (!Number.isInteger(startSid) || startSid < 1 || !Number.isInteger(length) || length < 1)
      return badRequest(ctx, 'sid and length must be positive integers');
    const picked: StoredSentence[] = [];
    for (let i = 0; i < task.sentences.length && picked.length < Math.min(length, 20); i++) {
      const s = task.sentences.at(i);
      if (s.sid >= startSid) picked.push(s);
    }
    const audio = speechSample(0.3).toString('base64');
    return play(ctx, task, {
      total: picked.length + 1,
      at: (id) => {
        if (id > picked.length) return { event: TTS_EVENTS.done, data: { task_id: task.id, sentences: picked.length } };
        const s = picked[id - 1];
        const text = s.language === language ? s.text : translate(s, language);
        let offset = 0;
        const words = text
          .split(/\s+/)
          .filter(Boolean)
          .map((w) => {
            const b = { text: w, offset_ms: offset, duration_ms: 120 + w.length * 40 };
            offset += b.duration_ms + 30;
            return b;
          });
        return { event: TTS_EVENTS.audio, data: { sid: s.sid, text, language, voice: voice.voice_name, audio, format: 'wav', word_boundaries: words } };
      },
    });
  });
}
