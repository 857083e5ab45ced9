// The sentences of an emulated Vurbo task: the stored form, and the two sources of them (a plain
// list, or the generated sentences of a big benchmark task that are made on demand, never held).
import { sentenceFor, translationFor, SCRIPT_LENGTH } from './liveScript';
import type { SeedSentence } from './seed';
import type { TimedSentence } from './taskSink';

/** A seed sentence placed in its task: numbered and timed instead of only lasting a while. */
export interface StoredSentence extends TimedSentence, Omit<SeedSentence, 'durationMs'> {}

/** Sentences by position; big benchmark tasks generate theirs on demand instead of holding them. */
export interface SentenceSource {
  readonly length: number;
  at(index: number): StoredSentence;
}

export class ArraySentences implements SentenceSource {
  constructor(readonly items: StoredSentence[]) {}
  get length(): number {
    return this.items.length;
  }
  at(index: number): StoredSentence {
    return this.items[index];
  }
}

/** N generated sentences, two speakers, translated into the task's target languages on the fly. */
export class GeneratedSentences implements SentenceSource {
  constructor(
    readonly length: number,
    private readonly source: string,
    private readonly targets: readonly string[],
  ) {}
  at(index: number): StoredSentence {
    const scriptIndex = index % SCRIPT_LENGTH;
    const text = sentenceFor(scriptIndex, this.source);
    const translations: Record<string, string> = {};
    for (const t of this.targets) translations[t] = translationFor(scriptIndex, t, text);
    return {
      sid: index + 1,
      text,
      startMs: index * 4000,
      endMs: index * 4000 + 3600,
      speakerId: index % 3 === 2 ? 'Guest-2' : 'Guest-1',
      language: this.source,
      translations,
      scriptIndex,
    };
  }
}

export function toStored(seed: readonly SeedSentence[]): StoredSentence[] {
  let t = 0;
  return seed.map((s, i) => {
    const startMs = t;
    t += s.durationMs + 400;
    return {
      sid: i + 1,
      text: s.text,
      startMs,
      endMs: startMs + s.durationMs,
      speakerId: s.speakerId,
      language: s.language,
      translations: { ...s.translations },
      scriptIndex: s.scriptIndex,
    };
  });
}

export function lastEndMs(sentences: SentenceSource): number {
  return sentences.length ? sentences.at(sentences.length - 1).endMs : 0;
}

export function sentencesToArray(source: SentenceSource): StoredSentence[] | undefined {
  return source instanceof ArraySentences ? source.items : undefined;
}
