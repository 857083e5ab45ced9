// The emulated Vurbo.ai VAS API: the task store (seeded per key) and its REST, SSE, import and
// catalogue routes. The LiveService (created in ../index.ts) hands its recordings to the store
// through VurboTaskSink, which VurboEmulator implements. Test hooks live here.
import type { EmulatorServer } from '../server';
import type { ResolvedOptions } from '../options';
import type { VurboTaskSink } from './taskSink';
import { VurboStore, type StoredTask, type VurboStoreSettings } from './store';
import { registerTaskRoutes, type TaskRouteSettings } from './tasks';
import { registerStreamRoutes, type StreamRouteSettings } from './streams';
import { registerImportRoutes, type ImportRouteSettings } from './imports';
import { registerCatalogRoutes } from './catalog';
import { taskWire } from './wire';
import { restoreVurbo, snapshotVurbo, type PersistedVurbo } from './storeState';

type VurboEmulatorSettings = VurboStoreSettings & TaskRouteSettings & StreamRouteSettings & ImportRouteSettings;

export interface VurboEmulator extends VurboTaskSink {
  /** Mutable knobs (tests and benchmarks change them between requests). */
  readonly settings: VurboEmulatorSettings;
  /** The tasks of a key in their wire form (seeds the key on first use). */
  tasksOf(apiKey: string): Record<string, unknown>[];
  /** Adds a completed task with `sentences` generated sentences (benchmarks, big-stream tests); returns its id. */
  createBigTask(apiKey: string, sentences: number, opts?: { title?: string; targetLangs?: string[] }): string;
  /** Adds `count` small completed tasks titled `${prefix} 1…count` (list and tree benchmarks). */
  createTasks(apiKey: string, count: number, prefix?: string): void;
  /** Removes a key's tasks whose title starts with `prefix`. */
  removeTasks(apiKey: string, prefix: string): void;
  /** Sets a key's remaining monthly budget in USD (null = unlimited). */
  setBudget(apiKey: string, usd: number | null): void;
  remainingBudget(apiKey: string): number | null;
  /** Retranslating sentence `sid` of the task fails with a sentence-level `error` event. */
  failTranslation(taskId: string, sid: number): void;
  /** The next `times` imports fail halfway through processing. */
  failNextImports(times?: number): void;
  /** The tasks and budgets of every key, for the state file. */
  snapshot(): PersistedVurbo;
  /** `listener` runs after a timer moved a task along. */
  onTimedChange(listener: () => void): void;
  dispose(): void;
}

/** `restored`: the tasks of a state file; its keys are not seeded again. */
export function registerVurbo(server: EmulatorServer, options: ResolvedOptions, restored?: PersistedVurbo): VurboEmulator {
  const settings: VurboEmulatorSettings = {
    defaultBudgetUsd: 48.48,
    costPerMinuteUsd: 0.016944,
    importTickMs: 150,
    processingStepMs: 1000,
    seedActiveCompletesAfterMs: 90_000,
    listShape: 'data',
    summaryCostUsd: 0.01,
    batchSize: 256,
    progressStreamTimeoutMs: 300_000,
  };
  const store = new VurboStore(settings, options.seed);
  if (restored) restoreVurbo(store, restored);
  registerTaskRoutes(server, options, store, settings);
  registerStreamRoutes(server, options, store, settings);
  registerImportRoutes(server, options, store, settings);
  registerCatalogRoutes(server, options, () => server.origin);

  const anyTask = (taskId: string): StoredTask => {
    for (const key of [options.keys.vurbo, ...options.extraVurboKeys]) {
      const t = store.task(key, taskId);
      if (t) return t;
    }
    throw new Error(`No task ${taskId}`);
  };

  return {
    settings,
    createLiveTask: (init) => store.createLiveTask(init),
    updateLiveTask: (taskId, update) => store.updateLiveTask(taskId, update),
    tasksOf: (apiKey) => [...store.tasksOf(apiKey).values()].map(taskWire),
    createBigTask: (apiKey, sentences, opts) => store.addBigTask(apiKey, sentences, opts).id,
    createTasks: (apiKey, count, prefix = 'Bench task') => {
      for (let i = 1; i <= count; i++)
        store.add(apiKey, {
          title: `${prefix} ${i}`,
          type: 'transcribe',
          sourceLang: 'en-US',
          targetLangs: ['de-DE'],
          processingStatus: 'completed',
          durationMs: 30_000 + i,
        });
    },
    removeTasks: (apiKey, prefix) => {
      for (const task of [...store.tasksOf(apiKey).values()]) if (task.title.startsWith(prefix)) store.delete(task);
    },
    setBudget: (apiKey, usd) => store.setBudget(apiKey, usd),
    remainingBudget: (apiKey) => store.budgetOf(apiKey),
    failTranslation: (taskId, sid) => void anyTask(taskId).failingTranslations.add(sid),
    failNextImports: (times) => store.failNextImports(times),
    snapshot: () => snapshotVurbo(store),
    onTimedChange: (listener) => void (store.onTimedChange = listener),
    dispose: () => store.dispose(),
  };
}
