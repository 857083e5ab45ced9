// Longer than 400 lines: the emulator's task store is one state object and the mutations the routes make on it.
// The emulated Vurbo task store: tasks per API key (seeded on first use), their sentences, speakers
// and summaries, imports with their budget, and the lifecycle timers that move active tasks along.
// It is also the VurboTaskSink the LiveService hands finished recordings to.
import { randomUUID } from 'node:crypto';
import { generatedSentences, seedTasks } from './seed';
import { ArraySentences, GeneratedSentences, lastEndMs, toStored, type SentenceSource } from './sentences';
import type { LiveTaskInit, LiveTaskUpdate, ProcessingStatus, VurboTaskSink } from './taskSink';

export interface StoredTask {
  id: string;
  apiKey: string;
  title: string;
  type: string;
  typeSource: string;
  sourceLang: string;
  targetLangs: string[];
  createdAt: string;
  audioStatus: string;
  processingStatus: ProcessingStatus;
  isPinned: boolean;
  isUnread: boolean;
  durationMs: number;
  /** speaker_id → current label */
  speakers: Map<string, string>;
  sentences: SentenceSource;
  summary?: string;
  summaryTemplate?: string;
  summaryRevision: number;
  /** Sids whose translation fails (test hook): retranslation sends an `error` with the sid. */
  failingTranslations: Set<number>;
}

export interface ImportRecord {
  id: string;
  apiKey: string;
  taskId: string;
  filename: string;
  durationMs: number;
  sizeBytes: number;
  status: ProcessingStatus;
  stage: string;
  percent: number;
  /** Bumped on every change: the progress stream's event id. */
  seq: number;
  createdAt: string;
  error?: { code: string; message: string };
  transcriptionLanguages: string[];
  translationLanguages: string[];
  summaryTemplate?: string;
  listeners: Set<() => void>;
}

export interface VurboStoreSettings {
  /** Monthly budget of a key that was not given one (USD; null = unlimited). */
  defaultBudgetUsd: number | null;
  /** STT price per started minute (USD): 25 min cost 0.4236 in the docs' example. */
  costPerMinuteUsd: number;
  /** One import progress step (each moves the import a few percent). */
  importTickMs: number;
  /** A processing step of a retried or live-finished task. */
  processingStepMs: number;
  /** When the seeded "Untitled Recording" finishes recording and moves on. */
  seedActiveCompletesAfterMs: number;
}

const ACTIVE: ReadonlySet<ProcessingStatus> = new Set<ProcessingStatus>(['recording', 'importing', 'uploading', 'processing']);

export class VurboStore implements VurboTaskSink {
  private readonly byKey = new Map<string, Map<string, StoredTask>>();
  private readonly byId = new Map<string, StoredTask>();
  private readonly imports = new Map<string, ImportRecord>();
  private readonly budgets = new Map<string, number | null>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private failImports = 0;
  /** Called after a timer moved a task along (the state file listens). */
  onTimedChange: (() => void) | undefined;

  constructor(
    readonly settings: VurboStoreSettings,
    private readonly seed: boolean,
  ) {}

  // ---- tasks --------------------------------------------------------------------------------------

  tasksOf(apiKey: string): Map<string, StoredTask> {
    let tasks = this.byKey.get(apiKey);
    if (!tasks) {
      tasks = new Map();
      this.byKey.set(apiKey, tasks);
      if (this.seed) this.seedFor(apiKey);
    }
    return tasks;
  }

  /** Every key seen, with its tasks (for the state file). */
  keysWithTasks(): [string, StoredTask[]][] {
    return [...this.byKey].map(([key, tasks]) => [key, [...tasks.values()]]);
  }

  budgetEntries(): [string, number | null][] {
    return [...this.budgets];
  }

  /** Puts back a key's tasks from the state file; the key counts as seeded. Running tasks finish. */
  restoreKey(apiKey: string, tasks: StoredTask[]): void {
    const map = new Map<string, StoredTask>();
    this.byKey.set(apiKey, map);
    for (const task of tasks) {
      map.set(task.id, task);
      this.byId.set(task.id, task);
      // Its recording, import or processing ended with the sandbox: it goes on to completed.
      if (ACTIVE.has(task.processingStatus)) this.retry(task, true);
    }
  }

  /** The caller's task, or undefined for an unknown id or another key's task. */
  task(apiKey: string, taskId: string): StoredTask | undefined {
    const t = this.byId.get(taskId);
    return t && t.apiKey === apiKey ? t : undefined;
  }

  add(apiKey: string, init: Partial<StoredTask> & Pick<StoredTask, 'title' | 'type' | 'sourceLang' | 'targetLangs' | 'processingStatus'>): StoredTask {
    const task: StoredTask = {
      id: randomUUID(),
      apiKey,
      typeSource: 'realtime',
      createdAt: new Date().toISOString(),
      audioStatus: init.processingStatus === 'completed' ? 'success' : 'pending',
      isPinned: false,
      isUnread: true,
      durationMs: 0,
      speakers: new Map(),
      sentences: new ArraySentences([]),
      summaryRevision: 1,
      failingTranslations: new Set(),
      ...init,
    };
    this.tasksOf(apiKey).set(task.id, task);
    this.byId.set(task.id, task);
    return task;
  }

  delete(task: StoredTask): void {
    this.byKey.get(task.apiKey)?.delete(task.id);
    this.byId.delete(task.id);
  }

  /** A completed task with `count` generated sentences (benchmarks and big-stream tests). */
  addBigTask(apiKey: string, count: number, opts: { title?: string; targetLangs?: string[] } = {}): StoredTask {
    const targets = opts.targetLangs ?? ['ja-JP'];
    const sentences = new GeneratedSentences(count, 'en-US', targets);
    return this.add(apiKey, {
      title: opts.title ?? `Big history (${count} sentences)`,
      type: 'transcribe',
      sourceLang: 'en-US',
      targetLangs: targets,
      processingStatus: 'completed',
      durationMs: count * 4000,
      sentences,
      speakers: new Map([
        ['Guest-1', 'Guest-1'],
        ['Guest-2', 'Guest-2'],
      ]),
      summary: `Summary of ${count} generated sentences.`,
    });
  }

  private seedFor(apiKey: string): void {
    const now = Date.now();
    for (const s of seedTasks()) {
      const sentences = toStored(s.sentences);
      const task = this.add(apiKey, {
        title: s.title,
        type: s.type,
        typeSource: s.typeSource,
        sourceLang: s.sourceLang,
        targetLangs: s.targetLangs,
        processingStatus: s.processingStatus,
        audioStatus: s.processingStatus === 'completed' ? 'success' : s.processingStatus === 'failed' ? 'failed' : 'pending',
        isPinned: s.isPinned,
        isUnread: s.isUnread,
        createdAt: new Date(now - s.ageMinutes * 60_000).toISOString(),
        speakers: new Map(Object.entries(s.speakers)),
        sentences: new ArraySentences(sentences),
        durationMs: lastEndMs(new ArraySentences(sentences)),
        summary: s.summary,
        summaryTemplate: s.summaryTemplate,
      });
      if (s.title === 'Customer interview — onboarding') task.failingTranslations.add(3);
      if (s.processingStatus === 'recording') {
        const step = this.settings.seedActiveCompletesAfterMs;
        this.advance(
          task,
          [
            ['uploading', step],
            ['processing', step / 6],
            ['completed', step / 6],
          ],
          () => this.fill(task, 6),
        );
      }
    }
  }

  /** Gives a task `count` sentences in its languages, a summary and its duration. */
  private fill(task: StoredTask, count: number): void {
    const seed = generatedSentences(count, task.sourceLang, task.targetLangs);
    const sentences = new ArraySentences(toStored(seed));
    task.sentences = sentences;
    for (const s of seed) if (!task.speakers.has(s.speakerId)) task.speakers.set(s.speakerId, s.speakerId);
    task.durationMs = lastEndMs(sentences);
    task.audioStatus = 'success';
    if (task.type !== 'record')
      task.summary = `- ${seed
        .slice(0, 2)
        .map((s) => s.text)
        .join('\n- ')}`;
  }

  /** Moves a task through `steps` ([status, delay before it]); `onComplete` runs before `completed` is visible. */
  private advance(task: StoredTask, steps: [ProcessingStatus, number][], onComplete?: () => void): void {
    const [next, ...rest] = steps;
    if (!next) return;
    this.later(next[1], () => {
      if (!this.byId.has(task.id) || task.processingStatus === 'failed') return;
      if (next[0] === 'completed') {
        onComplete?.();
        task.isUnread = true;
      }
      task.processingStatus = next[0];
      this.advance(task, rest, onComplete);
    });
  }

  forceFail(task: StoredTask): void {
    task.processingStatus = 'failed';
    task.audioStatus = 'failed';
  }

  /** Processes the task again; `keepSentences`: what it already has stays (a restored live task). */
  retry(task: StoredTask, keepSentences = false): void {
    task.processingStatus = 'processing';
    const step = this.settings.processingStepMs;
    this.advance(task, [['completed', step * 3]], () => (keepSentences && task.sentences.length ? undefined : this.fill(task, 6)));
  }

  later(ms: number, fn: () => void): void {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        fn();
        this.onTimedChange?.();
      },
      Math.max(0, ms),
    );
    t.unref?.();
    this.timers.add(t);
  }

  // ---- VurboTaskSink (live sessions) ------------------------------------------------------------------

  createLiveTask(init: LiveTaskInit): string {
    const task = this.add(init.apiKey, {
      title: init.title ?? 'Untitled Recording',
      type: init.type,
      sourceLang: init.sourceLanguages[0] ?? 'en-US',
      targetLangs: [...init.targetLanguages],
      processingStatus: 'recording',
      summaryTemplate: init.summaryTemplate,
    });
    return task.id;
  }

  updateLiveTask(taskId: string, update: LiveTaskUpdate): void {
    const task = this.byId.get(taskId);
    if (!task) throw new Error(`No task ${taskId}`);
    if (update.sentences) {
      task.sentences = new ArraySentences(
        update.sentences.map((s) => {
          const speakerId = s.speakerId ?? 'Guest-1';
          if (!task.speakers.has(speakerId)) task.speakers.set(speakerId, s.speakerLabel ?? speakerId);
          return { sid: s.sid, text: s.text, startMs: s.startMs, endMs: s.endMs, speakerId, language: task.sourceLang, translations: { ...s.translations } };
        }),
      );
      if (update.durationMs === undefined) task.durationMs = lastEndMs(task.sentences);
    }
    if (update.summary !== undefined) task.summary = update.summary;
    if (update.durationMs !== undefined) task.durationMs = update.durationMs;
    if (update.title !== undefined) task.title = update.title;
    if (update.processingStatus) {
      if (update.processingStatus === 'completed' && task.processingStatus !== 'completed') {
        task.isUnread = true;
        task.audioStatus = 'success';
      }
      if (update.processingStatus === 'failed') task.audioStatus = 'failed';
      task.processingStatus = update.processingStatus;
    }
  }

  // ---- budget and imports -------------------------------------------------------------------------------

  budgetOf(apiKey: string): number | null {
    return this.budgets.has(apiKey) ? this.budgets.get(apiKey)! : this.settings.defaultBudgetUsd;
  }

  setBudget(apiKey: string, usd: number | null): void {
    this.budgets.set(apiKey, usd);
  }

  costOf(durationMs: number): { minutes: number; cost: number } {
    const minutes = Math.ceil(durationMs / 60_000);
    return { minutes, cost: Math.round(minutes * this.settings.costPerMinuteUsd * 10_000) / 10_000 };
  }

  charge(apiKey: string, usd: number): void {
    const budget = this.budgetOf(apiKey);
    if (budget !== null) this.budgets.set(apiKey, Math.max(0, Math.round((budget - usd) * 10_000) / 10_000));
  }

  failNextImports(times = 1): void {
    this.failImports += times;
  }

  importsOf(apiKey: string): ImportRecord[] {
    return [...this.imports.values()].filter((i) => i.apiKey === apiKey);
  }

  importById(apiKey: string, id: string): ImportRecord | undefined {
    const i = this.imports.get(id);
    return i && i.apiKey === apiKey ? i : undefined;
  }

  startImport(
    apiKey: string,
    init: {
      filename: string;
      durationMs: number;
      sizeBytes: number;
      transcriptionLanguages: string[];
      translationLanguages: string[];
      summaryTemplate?: string;
      title?: string;
    },
  ): ImportRecord {
    const task = this.add(apiKey, {
      title: init.title ?? init.filename.replace(/\.[^.]+$/, ''),
      type: 'transcribe',
      typeSource: 'import',
      sourceLang: init.transcriptionLanguages[0] ?? 'en-US',
      targetLangs: init.translationLanguages,
      processingStatus: 'importing',
      summaryTemplate: init.summaryTemplate,
      isUnread: true,
    });
    const record: ImportRecord = {
      id: randomUUID(),
      apiKey,
      taskId: task.id,
      filename: init.filename,
      durationMs: init.durationMs,
      sizeBytes: init.sizeBytes,
      status: 'importing',
      stage: 'queued',
      percent: 0,
      seq: 1,
      createdAt: task.createdAt,
      transcriptionLanguages: init.transcriptionLanguages,
      translationLanguages: init.translationLanguages,
      summaryTemplate: init.summaryTemplate,
      listeners: new Set(),
    };
    this.imports.set(record.id, record);
    const fail = this.failImports > 0;
    if (fail) this.failImports--;
    this.tickImport(record, task, fail);
    return record;
  }

  /** The documented stages: audio conversion, transcription, translation, summary (§5.5). */
  private tickImport(record: ImportRecord, task: StoredTask, fail: boolean): void {
    this.later(this.settings.importTickMs, () => {
      if (!this.byId.has(task.id) || record.status === 'completed' || record.status === 'failed') return;
      const p = Math.min(100, record.percent + 10);
      const hasTranslation = record.translationLanguages.length > 0;
      let stage: string;
      let status: ProcessingStatus;
      if (p < 20) [stage, status] = ['converting', 'importing'];
      else if (p < 30) [stage, status] = ['converting', 'uploading'];
      else if (p < 70) [stage, status] = ['transcribing', 'processing'];
      else if (p < 90) [stage, status] = [hasTranslation ? 'translating' : 'transcribing', 'processing'];
      else if (p < 100) [stage, status] = [record.summaryTemplate ? 'summarizing' : 'transcribing', 'processing'];
      else [stage, status] = ['completed', 'completed'];
      if (fail && p >= 50) {
        record.status = 'failed';
        record.stage = 'failed';
        record.error = { code: 'task_failed', message: 'Speech recognition failed for this file.' };
        task.processingStatus = 'failed';
        task.audioStatus = 'failed';
      } else {
        if (status === 'completed') {
          this.fill(task, Math.max(1, Math.min(12, Math.round(record.durationMs / 4000))));
          task.durationMs = record.durationMs;
          if (!record.summaryTemplate) task.summary = undefined;
          this.charge(record.apiKey, this.costOf(record.durationMs).cost);
        }
        record.percent = p;
        record.stage = stage;
        record.status = status;
        task.processingStatus = status;
      }
      record.seq++;
      for (const l of [...record.listeners]) l();
      if (record.status !== 'completed' && record.status !== 'failed') this.tickImport(record, task, fail);
    });
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const i of this.imports.values()) i.listeners.clear();
  }
}
