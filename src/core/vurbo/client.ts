// Longer than 400 lines: a method per documented Vurbo REST endpoint, checked together against the endpoint catalogue.
// The Vurbo REST client (vurbo-vas.md §4): tasks, transcript and audio export, imports, speakers,
// summary templates and TTS voices. Every call carries the key in `X-API-Key` and nowhere else;
// failures of either documented error shape come back as ApiError (core/errors.ts).
import fs from 'node:fs';
import path from 'node:path';
import { nodeFsPromises, nodeStream, nodeStreamPromises } from '../lazyNode';
import type { ApiEndpoint } from '../endpoint';
import { ApiError, transportError, vurboErrorFromObject } from '../errors';
import type { HttpMethod, HttpRequest, HttpResponse, QueryValue } from '../http/client';
import { buildMultipart } from '../http/multipart';
import { joinUrl } from '../providers';
import { isObject, num, str, unwrapData } from '../read';
import {
  IMPORT_CONTENT_TYPES,
  LIMITS,
  parseQuota,
  parseTask,
  parseTaskList,
  parseTemplates,
  parseVoices,
  speakerLabelProblem,
  type QuotaCheck,
  type SummaryTemplate,
  type SummaryTemplateCategory,
  type TaskListFilter,
  type TtsVoice,
  type VurboTask,
} from './types';
import {
  TRANSCRIPT_EXPORT_PARAM,
  type BatchDeleteBody,
  type BatchPinBody,
  type MergeSpeakersBody,
  type ReassignSpeakerBody,
  type TranscriptFormat,
} from './inferred';

export const API_PREFIX = '/api/v1';

/** One request as the client sends it: what "Copy as cURL" reproduces (the key is never stored here). */
export interface VurboRequestRecord {
  readonly method: HttpMethod;
  /** Absolute URL with the query. */
  readonly url: string;
  /** Headers other than the key; `keyHeader` names where the key goes. */
  readonly headers: Readonly<Record<string, string>>;
  readonly keyHeader: 'x-api-key' | 'authorization';
  readonly json?: unknown;
  /** For multipart uploads: the form fields and the file path. */
  readonly form?: { readonly fields: Readonly<Record<string, string>>; readonly file?: { field: string; path: string } };
}

export interface ImportInfo {
  readonly importId: string;
  readonly taskId?: string;
  readonly status: string;
  readonly filename?: string;
  readonly durationMs?: number;
  readonly sizeBytes?: number;
  readonly percent?: number;
  readonly createdAt?: string;
}

export interface ImportUpload {
  /** Local audio file (MP3, WAV or M4A), streamed from disk. */
  readonly path: string;
  readonly transcriptionLanguages: readonly string[];
  readonly translationLanguages?: readonly string[];
  readonly recognitionMode?: 'single' | 'multi_speaker';
  readonly summaryTemplate?: string;
  readonly callbackUrl?: string;
}

export interface ProgressReport {
  readonly sentBytes: number;
  readonly totalBytes: number | undefined;
}

export interface FileDownload {
  readonly path: string;
  readonly bytes: number;
  readonly contentType?: string;
  /** The server's suggested name (Content-Disposition). */
  readonly suggestedName?: string;
}

export interface TranscriptExport {
  readonly text: string;
  readonly contentType?: string;
  readonly suggestedName?: string;
}

export function parseImport(body: unknown): ImportInfo | undefined {
  const d = unwrapData(body);
  const o = isObject(d) && isObject(d.import) ? d.import : d;
  if (!isObject(o)) return undefined;
  const importId = str(o.import_id) ?? str(o.id);
  if (!importId) return undefined;
  return {
    importId,
    taskId: str(o.task_id),
    status: str(o.status) ?? str(o.processing_status) ?? 'importing',
    filename: str(o.filename),
    durationMs: num(o.duration_ms),
    sizeBytes: num(o.size_bytes),
    percent: num(o.percent),
    createdAt: str(o.created_at),
  };
}

/** The file name from `Content-Disposition: attachment; filename="…"` (RFC 6266, incl. filename*). */
export function dispositionFilename(header: string | string[] | undefined): string | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  if (!h) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(h);
  if (star) {
    try {
      return path.basename(decodeURIComponent(star[1].trim()));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(h);
  const name = plain ? (plain[1] ?? plain[2]).trim() : undefined;
  return name ? path.basename(name) : undefined;
}

export class VurboClient {
  /** The last request sent, for "Copy as cURL". */
  lastRequest: VurboRequestRecord | undefined;

  constructor(readonly endpoint: ApiEndpoint) {}

  get baseUrl(): string {
    return this.endpoint.baseUrl;
  }

  url(pathUnderApi: string): string {
    return joinUrl(this.endpoint.baseUrl, API_PREFIX + pathUnderApi);
  }

  private task(taskId: string, suffix = ''): string {
    return `/tasks/${encodeURIComponent(taskId)}${suffix}`;
  }

  /** One JSON call under API_PREFIX with the key header, recorded and checked for the error envelope (BroadcastsApi uses it too). */
  async call<T = unknown>(
    method: HttpMethod,
    apiPath: string,
    opts: { query?: Record<string, QueryValue>; json?: unknown; signal?: AbortSignal } = {},
  ): Promise<HttpResponse<T>> {
    const req: HttpRequest = {
      method,
      url: this.url(apiPath),
      query: opts.query,
      json: opts.json,
      signal: opts.signal,
      headers: { 'x-api-key': this.endpoint.key },
    };
    this.remember(req);
    const res = await this.endpoint.http.json<T>(req);
    // A 200 that still carries the unified error envelope is an error all the same.
    if (isObject(res.body) && res.body.type === 'error') {
      throw vurboErrorFromObject(res.body, res.status) ?? new ApiError({ provider: 'vurbo', code: 'unexpected_response', status: res.status });
    }
    return res;
  }

  private remember(req: HttpRequest, form?: VurboRequestRecord['form']): void {
    const url = new URL(req.url);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) if (k !== 'x-api-key' && k !== 'authorization') headers[k] = v;
    this.lastRequest = { method: req.method ?? 'GET', url: url.toString(), headers, keyHeader: 'x-api-key', json: req.json, form };
  }

  // ---- tasks --------------------------------------------------------------------------------------

  /** `GET /tasks?status=` — accepts `{data:{tasks}}` and `{tasks}`. */
  async listTasks(status: TaskListFilter = 'all', signal?: AbortSignal): Promise<VurboTask[]> {
    const res = await this.call('GET', '/tasks', { query: { status }, signal });
    return parseTaskList(res.body);
  }

  async deleteTask(taskId: string, signal?: AbortSignal): Promise<void> {
    await this.call('DELETE', this.task(taskId), { signal });
  }

  async setPinned(taskId: string, isPinned: boolean, signal?: AbortSignal): Promise<VurboTask | undefined> {
    return this.taskResult(await this.call('PUT', this.task(taskId, '/pin'), { json: { is_pinned: isPinned }, signal }));
  }

  async markRead(taskId: string, signal?: AbortSignal): Promise<VurboTask | undefined> {
    return this.taskResult(await this.call('PUT', this.task(taskId, '/read'), { signal }));
  }

  async renameTask(taskId: string, name: string, signal?: AbortSignal): Promise<VurboTask | undefined> {
    const trimmed = name.trim();
    if (!trimmed) throw new ApiError({ provider: 'vurbo', code: 'validation_failed', serverMessage: 'The task name cannot be empty.' });
    return this.taskResult(await this.call('PATCH', this.task(taskId, '/name'), { json: { name: trimmed }, signal }));
  }

  async forceFail(taskId: string, signal?: AbortSignal): Promise<VurboTask | undefined> {
    return this.taskResult(await this.call('POST', this.task(taskId, '/force-fail'), { signal }));
  }

  async retryTask(taskId: string, signal?: AbortSignal): Promise<VurboTask | undefined> {
    return this.taskResult(await this.call('POST', this.task(taskId, '/retry'), { signal }));
  }

  async batchPin(taskIds: readonly string[], isPinned: boolean, signal?: AbortSignal): Promise<number> {
    const body: BatchPinBody = { task_ids: [...taskIds], is_pinned: isPinned };
    const d = unwrapData((await this.call('PUT', '/tasks/batch/pin', { json: body, signal })).body);
    return (isObject(d) ? num(d.updated) : undefined) ?? taskIds.length;
  }

  async batchDelete(taskIds: readonly string[], signal?: AbortSignal): Promise<number> {
    const body: BatchDeleteBody = { task_ids: [...taskIds] };
    const d = unwrapData((await this.call('DELETE', '/tasks/batch', { json: body, signal })).body);
    return (isObject(d) ? num(d.deleted) : undefined) ?? taskIds.length;
  }

  private taskResult(res: HttpResponse<unknown>): VurboTask | undefined {
    const d = unwrapData(res.body);
    return parseTask(isObject(d) && isObject(d.task) ? d.task : d);
  }

  /** `GET /tasks/{id}/transcript/export?format=` (parameter name INFERRED, see inferred.ts). */
  async exportTranscript(taskId: string, format: TranscriptFormat, signal?: AbortSignal): Promise<TranscriptExport> {
    const req: HttpRequest = {
      url: this.url(this.task(taskId, '/transcript/export')),
      query: { [TRANSCRIPT_EXPORT_PARAM]: format },
      headers: { 'x-api-key': this.endpoint.key, accept: '*/*' },
      signal,
    };
    this.remember(req);
    const res = await this.endpoint.http.text(req);
    return { text: res.body, contentType: header(res.headers['content-type']), suggestedName: dispositionFilename(res.headers['content-disposition']) };
  }

  /**
   * `GET /tasks/{id}/audio/export`, streamed to `destination` through a temporary file that is
   * renamed at the end, so a cancelled or broken download never leaves a half file behind.
   */
  async exportAudio(
    taskId: string,
    destination: string,
    opts: { signal?: AbortSignal; onProgress?: (p: ProgressReport) => void; idleTimeoutMs?: number } = {},
  ): Promise<FileDownload> {
    const req: HttpRequest = {
      url: this.url(this.task(taskId, '/audio/export')),
      headers: { 'x-api-key': this.endpoint.key, accept: '*/*' },
      signal: opts.signal,
      idleTimeoutMs: opts.idleTimeoutMs ?? 30_000,
    };
    this.remember(req);
    const res = await this.endpoint.http.stream(req);
    const total = num(header(res.headers['content-length']));
    const partial = `${destination}.part-${process.pid}-${Date.now()}`;
    let sent = 0;
    const counter = new (nodeStream().Transform)({
      transform(chunk: Buffer, _enc, done) {
        sent += chunk.length;
        opts.onProgress?.({ sentBytes: sent, totalBytes: total });
        done(null, chunk);
      },
    });
    try {
      await nodeStreamPromises().pipeline(res.body, counter, fs.createWriteStream(partial), { signal: opts.signal });
      if (total !== undefined && sent !== total) {
        throw new ApiError({ provider: 'vurbo', code: 'network_error', serverMessage: `the download stopped after ${sent} of ${total} bytes` });
      }
      await nodeFsPromises().rename(partial, destination);
    } catch (e) {
      res.body.destroy();
      await nodeFsPromises().rm(partial, { force: true });
      throw transportError('vurbo', e);
    }
    return {
      path: destination,
      bytes: sent,
      contentType: header(res.headers['content-type']),
      suggestedName: dispositionFilename(res.headers['content-disposition']),
    };
  }

  // ---- imports ------------------------------------------------------------------------------------

  /** `POST /imports/check-quota` with a duration between 1 s and 10 h (checked here first). */
  async checkQuota(durationMs: number, signal?: AbortSignal): Promise<QuotaCheck> {
    const ms = Math.round(durationMs);
    if (!(ms >= LIMITS.importMinMs && ms <= LIMITS.importMaxMs)) {
      throw new ApiError({ provider: 'vurbo', code: 'validation_failed', serverMessage: 'An import must be between 1 second and 10 hours long.' });
    }
    return parseQuota((await this.call('POST', '/imports/check-quota', { json: { duration_ms: ms }, signal })).body);
  }

  /** `POST /imports`: multipart with the file streamed from disk and byte progress. Never retried. */
  async uploadImport(upload: ImportUpload, opts: { signal?: AbortSignal; onProgress?: (p: ProgressReport) => void } = {}): Promise<ImportInfo> {
    const info = await nodeFsPromises().stat(upload.path);
    const ext = path.extname(upload.path).slice(1).toLowerCase();
    const contentType = IMPORT_CONTENT_TYPES[ext];
    if (!contentType) {
      throw new ApiError({ provider: 'vurbo', code: 'validation_failed', serverMessage: `Vurbo imports MP3, WAV and M4A files, not ".${ext}".` });
    }
    if (info.size > LIMITS.importMaxBytes) {
      throw new ApiError({
        provider: 'vurbo',
        code: 'validation_failed',
        serverMessage: `The file is ${Math.round(info.size / 1048576)} MB; Vurbo accepts at most 500 MB.`,
      });
    }
    if (upload.transcriptionLanguages.length === 0 || upload.transcriptionLanguages.length > 2) {
      throw new ApiError({ provider: 'vurbo', code: 'validation_failed', serverMessage: 'Pick one or two transcription languages.' });
    }
    const fields: Record<string, string> = {
      transcription_languages: JSON.stringify(upload.transcriptionLanguages),
      recognition_mode: upload.recognitionMode ?? 'single',
    };
    if (upload.translationLanguages?.length) fields.translation_languages = JSON.stringify(upload.translationLanguages);
    if (upload.summaryTemplate) fields.summary_template = upload.summaryTemplate;
    if (upload.callbackUrl) fields.callback_url = upload.callbackUrl;
    const file = { field: 'file', filename: path.basename(upload.path), contentType, source: { path: upload.path, size: info.size } };
    const body = buildMultipart(fields, file, (sentBytes, totalBytes) => opts.onProgress?.({ sentBytes, totalBytes }));
    const req: HttpRequest = {
      method: 'POST',
      url: this.url('/imports'),
      body: body.body,
      headers: { ...body.headers, 'x-api-key': this.endpoint.key },
      signal: opts.signal,
      maxRetries: 0,
      // A slow uplink must not hit the usual 30 s deadline: allow ~64 KB/s plus a minute.
      timeoutMs: 60_000 + Math.ceil(info.size / 64),
    };
    this.remember(req, { fields, file: { field: 'file', path: upload.path } });
    const res = await this.endpoint.http.json(req);
    const parsed = parseImport(res.body);
    if (!parsed)
      throw new ApiError({ provider: 'vurbo', code: 'unexpected_response', status: res.status, serverMessage: 'The upload response has no import id.' });
    return parsed;
  }

  async getImport(importId: string, signal?: AbortSignal): Promise<ImportInfo> {
    const res = await this.call('GET', `/imports/${encodeURIComponent(importId)}`, { signal });
    const parsed = parseImport(res.body);
    if (!parsed)
      throw new ApiError({ provider: 'vurbo', code: 'unexpected_response', status: res.status, serverMessage: 'The import status has no import id.' });
    return parsed;
  }

  async listImports(signal?: AbortSignal): Promise<ImportInfo[]> {
    const d = unwrapData((await this.call('GET', '/imports', { signal })).body);
    const list = Array.isArray(d) ? d : isObject(d) && Array.isArray(d.imports) ? d.imports : [];
    return list.map(parseImport).filter((i): i is ImportInfo => !!i);
  }

  // ---- speakers (since V1.4.1 under /tasks) -------------------------------------------------------

  /** Renames every sentence of one speaker; the documented label rules are checked before sending. */
  async renameSpeaker(taskId: string, speakerId: string, newLabel: string, signal?: AbortSignal): Promise<number | undefined> {
    const problem =
      speakerLabelProblem(newLabel) ??
      (speakerId.length > LIMITS.speakerLabelMaxChars || speakerId === '' ? 'The speaker id must be 1–100 characters.' : undefined);
    if (problem) throw new ApiError({ provider: 'vurbo', code: 'speaker_label_invalid', serverMessage: problem });
    return this.speakerResult(
      await this.call('PATCH', this.task(taskId, '/speakers/rename'), { json: { speaker_id: speakerId, new_label: newLabel }, signal }),
    );
  }

  async reassignSpeaker(taskId: string, sid: number, speakerId: string, signal?: AbortSignal): Promise<number | undefined> {
    const body: ReassignSpeakerBody = { sid, speaker_id: speakerId };
    return this.speakerResult(await this.call('PATCH', this.task(taskId, '/speakers/reassign'), { json: body, signal }));
  }

  async mergeSpeakers(taskId: string, sourceSpeakerIds: readonly string[], targetSpeakerId: string, signal?: AbortSignal): Promise<number | undefined> {
    const body: MergeSpeakersBody = { source_speaker_ids: [...sourceSpeakerIds], target_speaker_id: targetSpeakerId };
    return this.speakerResult(await this.call('PATCH', this.task(taskId, '/speakers/merge'), { json: body, signal }));
  }

  private speakerResult(res: HttpResponse<unknown>): number | undefined {
    const d = unwrapData(res.body);
    return isObject(d) ? num(d.updated_sentences) : undefined;
  }

  // ---- catalogues ---------------------------------------------------------------------------------

  async listSummaryTemplates(category?: SummaryTemplateCategory, signal?: AbortSignal): Promise<SummaryTemplate[]> {
    return parseTemplates((await this.call('GET', '/summary-templates', { query: { category }, signal })).body);
  }

  async getSummaryTemplate(slug: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const d = unwrapData((await this.call('GET', `/summary-templates/${encodeURIComponent(slug)}`, { signal })).body);
    return isObject(d) ? d : {};
  }

  async listVoices(language: string, signal?: AbortSignal): Promise<TtsVoice[]> {
    return parseVoices((await this.call('GET', '/tts/voices', { query: { language }, signal })).body);
  }
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
