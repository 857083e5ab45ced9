// Word-level Valossa speech becomes readable lines: one speaker's words, cut at a speaker change,
// after each sentence and at a pause, so a long monologue is not one line.
import assert from 'node:assert/strict';
import type { CoreMetadata } from '../../src/core/valossa/types';
import { speakerTurns } from '../../src/core/valossa/transcript';

/** [speaker, word, start s, end s]: a zero-length item is punctuation. */
function wordsMetadata(words: readonly [string, string, number, number][]): CoreMetadata {
  const detections: Record<string, unknown> = {};
  words.forEach(([speaker, label, ss, se], i) => {
    detections[String(i + 1)] = { t: 'audio.speech_detailed', label, a: { s: { id: speaker } }, occs: [{ ss, se }] };
  });
  return { detections, detection_groupings: { by_detection_type: { 'audio.speech_detailed': words.map((_, i) => String(i + 1)) } } } as CoreMetadata;
}

describe('Valossa speaker lines', () => {
  it('cuts one speaker after each sentence and at a pause, and at every speaker change', () => {
    const lines = speakerTurns(
      wordsMetadata([
        ['1', 'Welcome', 0, 0.5],
        ['1', 'back', 0.5, 0.9],
        ['1', '.', 0.9, 0.9],
        ['1', 'Let', 1.0, 1.2],
        ['1', 'us', 1.2, 1.4],
        ['1', 'start', 1.4, 1.8],
        ['1', 'now', 4.0, 4.3], // a 2.2 s pause
        ['2', 'Thanks', 4.5, 5.0],
        ['2', '!', 5.0, 5.0],
      ]),
    );
    assert.deepEqual(
      lines.map((l) => [l.speaker, l.text, l.startMs, l.endMs]),
      [
        ['Speaker 1', 'Welcome back.', 0, 900],
        ['Speaker 1', 'Let us start', 1000, 1800],
        ['Speaker 1', 'now', 4000, 4300],
        ['Speaker 2', 'Thanks!', 4500, 5000],
      ],
    );
  });

  it('keeps a sentence whole across pauses shorter than 1.5 s', () => {
    const lines = speakerTurns(
      wordsMetadata([
        ['1', 'One', 0, 0.3],
        ['1', 'two', 1.0, 1.3],
        ['1', 'three', 2.0, 2.4],
      ]),
    );
    assert.deepEqual(
      lines.map((l) => l.text),
      ['One two three'],
    );
  });
});
