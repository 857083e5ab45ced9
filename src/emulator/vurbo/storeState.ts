// The Vurbo task store as the state file keeps it: plain JSON (maps and sets as lists), with big
// generated tasks kept as their size rather than their sentences. Imports in flight and live
// sessions are not kept: their tasks finish processing when the store is restored.
import { ArraySentences, GeneratedSentences, sentencesToArray, type StoredSentence } from './sentences';
import type { StoredTask, VurboStore } from './store';

type PlainTask = Omit<StoredTask, 'speakers' | 'sentences' | 'failingTranslations'> & {
  speakers: [string, string][];
  /** The sentences, or the count of a generated (benchmark) task's. */
  sentences: StoredSentence[] | { generated: number };
  failingTranslations: number[];
};

export interface PersistedVurbo {
  keys: { apiKey: string; tasks: PlainTask[] }[];
  budgets: [string, number | null][];
}

function plain(task: StoredTask): PlainTask {
  return {
    ...task,
    speakers: [...task.speakers],
    sentences: sentencesToArray(task.sentences) ?? { generated: task.sentences.length },
    failingTranslations: [...task.failingTranslations],
  };
}

function stored(task: PlainTask): StoredTask {
  const sentences = Array.isArray(task.sentences)
    ? new ArraySentences(task.sentences)
    : new GeneratedSentences(task.sentences.generated, task.sourceLang, task.targetLangs);
  return { ...task, speakers: new Map(task.speakers), sentences, failingTranslations: new Set(task.failingTranslations) };
}

export function snapshotVurbo(store: VurboStore): PersistedVurbo {
  return {
    keys: store.keysWithTasks().map(([apiKey, tasks]) => ({ apiKey, tasks: tasks.map(plain) })),
    budgets: store.budgetEntries(),
  };
}

export function restoreVurbo(store: VurboStore, state: PersistedVurbo): void {
  for (const { apiKey, tasks } of state.keys) store.restoreKey(apiKey, tasks.map(stored));
  for (const [apiKey, usd] of state.budgets) store.setBudget(apiKey, usd);
}
