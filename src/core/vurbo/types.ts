// DOCUMENTED Vurbo REST shapes (vurbo-vas.md §4), normalised to camelCase. Parsing is lenient: an
// unknown `type` or `processing_status` is kept as a string, a missing optional field stays
// undefined, and only an item without a `task_id` is dropped. Undocumented shapes live in inferred.ts.
import { bool, isObject, num, str, unwrapData } from '../read';

/** @public API of this module, kept for the explorer and the docs. */
export type TaskType = 'transcribe' | 'conversation' | 'record' | 'broadcast';
/** @public API of this module, kept for the explorer and the docs. */
export type ProcessingStatus = 'recording' | 'importing' | 'uploading' | 'processing' | 'completed' | 'failed';
/** `GET /api/v1/tasks?status=` (default `completed` on the server). */
export type TaskListFilter = 'completed' | 'active' | 'all';

export const ACTIVE_STATUSES: readonly string[] = ['recording', 'importing', 'uploading', 'processing'];

export interface VurboTask {
  readonly taskId: string;
  readonly title: string;
  /** One of TaskType, or whatever newer type the server sends. */
  readonly type: string;
  readonly typeSource?: string;
  readonly durationMs: number;
  readonly durationFormatted?: string;
  readonly sourceLang?: string;
  readonly targetLang?: string;
  readonly createdAt?: string;
  readonly audioStatus?: string;
  readonly processingStatus: string;
  readonly isPinned: boolean;
  readonly isUnread: boolean;
}

export function isActiveStatus(status: string): boolean {
  return ACTIVE_STATUSES.includes(status);
}

export interface QuotaCheck {
  readonly allowed: boolean;
  /** USD; null when the account has no limit. */
  readonly remainingBudget: number | null;
  readonly isUnlimited: boolean;
  readonly durationMinutes: number;
  /** USD, speech-to-text cost of the checked duration. */
  readonly estimatedCost: number;
  readonly remainingMinutes: number | null;
}

export interface SummaryTemplate {
  readonly slug: string;
  readonly name: string;
  readonly description?: string;
  readonly category?: string;
}

export type SummaryTemplateCategory = 'summary' | 'medical' | 'legal' | 'all';

export interface TtsVoice {
  readonly voiceName: string;
  readonly displayName: string;
  readonly gender?: string;
  readonly isDefault: boolean;
  readonly sampleUrl?: string;
}

/** Documented limits (vurbo-vas.md §4.3, §4.7, §10). */
export const LIMITS = {
  speakerLabelMaxChars: 100,
  importMaxBytes: 500 * 1024 * 1024,
  importMinMs: 1_000,
  importMaxMs: 10 * 3_600_000,
  summaryContentMaxChars: 100_000,
  summaryPromptMaxChars: 2_000,
  summaryPromptSlugMaxChars: 64,
  ttsMaxLength: 20,
} as const;

/** Documented upload formats (§4.3), by file extension. */
export const IMPORT_CONTENT_TYPES: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
};

export function parseTask(raw: unknown): VurboTask | undefined {
  if (!isObject(raw)) return undefined;
  const taskId = str(raw.task_id) ?? str(raw.id) ?? str(raw.recording_id);
  if (!taskId) return undefined;
  return {
    taskId,
    title: str(raw.title) ?? str(raw.name) ?? 'Untitled Recording',
    type: str(raw.type) ?? 'transcribe',
    typeSource: str(raw.type_source),
    durationMs: num(raw.duration_ms) ?? 0,
    durationFormatted: str(raw.duration_formatted),
    sourceLang: str(raw.source_lang),
    targetLang: str(raw.target_lang),
    createdAt: str(raw.created_at),
    audioStatus: str(raw.audio_status),
    processingStatus: str(raw.processing_status) ?? 'completed',
    isPinned: bool(raw.is_pinned) ?? false,
    isUnread: bool(raw.is_unread) ?? false,
  };
}

/**
 * The task list in either documented form: the reference page's `{data:{tasks:[…]}}` or the
 * quickstart's top-level `{tasks:[…]}` (vurbo-vas.md §3.1); a bare array is tolerated too.
 */
export function parseTaskList(body: unknown): VurboTask[] {
  const candidates = [
    isObject(body) && isObject(body.data) ? body.data.tasks : undefined,
    isObject(body) ? body.tasks : undefined,
    isObject(body) ? body.data : undefined,
    body,
  ];
  const list = candidates.find(Array.isArray) as unknown[] | undefined;
  if (!list) return [];
  const tasks: VurboTask[] = [];
  for (const item of list) {
    const t = parseTask(item);
    if (t) tasks.push(t);
  }
  return tasks;
}

export function parseQuota(body: unknown): QuotaCheck {
  const d = unwrapData(body);
  const o = isObject(d) ? d : {};
  const remainingBudget = o.remaining_budget === null ? null : (num(o.remaining_budget) ?? null);
  return {
    allowed: bool(o.allowed) ?? true,
    remainingBudget,
    isUnlimited: bool(o.is_unlimited) ?? remainingBudget === null,
    durationMinutes: num(o.duration_minutes) ?? 0,
    estimatedCost: num(o.estimated_cost) ?? 0,
    remainingMinutes: o.remaining_minutes === null ? null : (num(o.remaining_minutes) ?? null),
  };
}

export function parseTemplates(body: unknown): SummaryTemplate[] {
  const d = unwrapData(body);
  const list = Array.isArray(d) ? d : isObject(d) && Array.isArray(d.templates) ? d.templates : [];
  return list.flatMap((t: unknown) => {
    if (!isObject(t) || !str(t.slug)) return [];
    return [{ slug: str(t.slug)!, name: str(t.name) ?? str(t.slug)!, description: str(t.description), category: str(t.category) }];
  });
}

export function parseVoices(body: unknown): TtsVoice[] {
  const d = unwrapData(body);
  const list = isObject(d) && Array.isArray(d.voices) ? d.voices : Array.isArray(d) ? d : [];
  return list.flatMap((v: unknown) => {
    if (!isObject(v) || !str(v.voice_name)) return [];
    return [
      {
        voiceName: str(v.voice_name)!,
        displayName: str(v.display_name) ?? str(v.voice_name)!,
        gender: str(v.gender),
        isDefault: bool(v.is_default) ?? false,
        sampleUrl: str(v.sample_url),
      },
    ];
  });
}

/**
 * Speaker label rule (DOCUMENTED, §4.7): 1–100 characters, no control characters (\x00–\x1F, \x7F)
 * and no line breaks. Returns why a label is refused, or undefined when it is fine.
 */
export function speakerLabelProblem(label: string): string | undefined {
  if (label.trim() === '') return 'A speaker label cannot be empty.';
  if ([...label].length > LIMITS.speakerLabelMaxChars) return `A speaker label can have at most ${LIMITS.speakerLabelMaxChars} characters.`;
  if (/[\x00-\x1F\x7F\u2028\u2029\u0085]/.test(label)) return 'A speaker label cannot contain line breaks or control characters.';
  return undefined;
}
