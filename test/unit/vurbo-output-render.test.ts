// The transcript output's rendering (src/features/streams/render.ts has no vscode dependency).
import assert from 'node:assert/strict';
import type { TranscriptSegment } from '../../src/core/transcript/model';
import { appendBudget, RERENDER_LIMIT, takeChunk, TranscriptRenderer } from '../../src/features/streams/render';

const seg = (sid: number, extra: Partial<TranscriptSegment> = {}): TranscriptSegment => ({
  sid,
  text: `Sentence ${sid}.`,
  startMs: sid * 1000,
  speaker: 'Anna',
  final: true,
  ...extra,
});

/** Plays the render steps into a string, as the output channel would show it. */
function channel() {
  let text = '';
  let appends = 0;
  let replaces = 0;
  return {
    play(step: { append?: string; replace?: string }) {
      if (step.replace !== undefined) {
        text = step.replace;
        replaces++;
      } else if (step.append) {
        text += step.append;
        appends++;
      }
    },
    get text() {
      return text;
    },
    get counts() {
      return { appends, replaces };
    },
  };
}

describe('Transcript output rendering', () => {
  it('prints a header, sentences with offset, speaker and indented translations, and a summary block', () => {
    const r = new TranscriptRenderer();
    const ch = channel();
    r.apply({ kind: 'meta', title: 'Weekly review', taskId: 't1', sourceLanguage: 'en-US', targetLanguages: ['ja-JP'], durationMs: 65_000 });
    r.apply({ kind: 'segment', segment: seg(1, { translations: { 'ja-JP': '一' } }) });
    r.apply({ kind: 'segment', segment: seg(2) });
    r.apply({ kind: 'summary', text: 'Short summary.' });
    r.apply({ kind: 'end', reason: 'done' });
    ch.play(r.render());
    assert.equal(
      ch.text,
      [
        'Weekly review',
        'task t1 · en-US → ja-JP · 1:05',
        '─'.repeat(40),
        '[0:01] Anna: Sentence 1.',
        '        ja-JP: 一',
        '[0:02] Anna: Sentence 2.',
        '',
        '─'.repeat(40),
        'Summary',
        '─'.repeat(40),
        'Short summary.',
        '— Finished.',
        '',
      ].join('\n'),
    );
  });

  it('batches: many events make one append; duplicates are not printed twice', () => {
    const r = new TranscriptRenderer();
    const ch = channel();
    for (let sid = 1; sid <= 1000; sid++) r.apply({ kind: 'segment', segment: seg(sid) });
    for (let sid = 1; sid <= 10; sid++) r.apply({ kind: 'segment', segment: seg(sid) });
    ch.play(r.render());
    assert.deepEqual(ch.counts, { appends: 1, replaces: 0 });
    assert.equal(ch.text.split('\n').filter(Boolean).length, 1000);
    assert.equal(r.hasPending, false);
  });

  it('a translation arriving before the flush is rendered under its sentence; after the flush, the output is re-rendered', () => {
    const r = new TranscriptRenderer();
    const ch = channel();
    r.apply({ kind: 'segment', segment: seg(1) });
    r.apply({ kind: 'translation', sid: 1, language: 'fr-FR', text: 'Phrase 1.' });
    ch.play(r.render());
    assert.equal(ch.text, '[0:01] Anna: Sentence 1.\n        fr-FR: Phrase 1.\n');
    r.apply({ kind: 'segment', segment: seg(2) });
    ch.play(r.render());
    r.apply({ kind: 'translation', sid: 1, language: 'de-DE', text: 'Satz 1.' });
    r.apply({ kind: 'sentenceError', sid: 2, code: 'translation_failed', message: 'Translation failed' });
    assert.equal(r.needsReplace, true);
    ch.play(r.render());
    assert.equal(
      ch.text,
      '[0:01] Anna: Sentence 1.\n        fr-FR: Phrase 1.\n        de-DE: Satz 1.\n[0:02] Anna: Sentence 2.  ⚠ Translation failed (translation_failed)\n',
    );
  });

  it('past the re-render limit, late changes become follow-up lines that reference the sid', () => {
    const r = new TranscriptRenderer();
    const ch = channel();
    for (let sid = 1; sid <= RERENDER_LIMIT + 1; sid++) r.apply({ kind: 'segment', segment: seg(sid) });
    ch.play(r.render());
    r.apply({ kind: 'translation', sid: 7, language: 'fr-FR', text: 'Phrase 7.' });
    r.apply({ kind: 'sentenceError', sid: 8, code: 'translation_failed', message: 'nope' });
    ch.play(r.render());
    assert.deepEqual(ch.counts, { appends: 2, replaces: 0 });
    assert.ok(ch.text.endsWith('        ↳ #7 fr-FR: Phrase 7.\n        ⚠ #8: nope (translation_failed)\n'));
  });

  it('a partial result is marked and overwritten in place by its final text', () => {
    const r = new TranscriptRenderer();
    const ch = channel();
    r.apply({ kind: 'segment', segment: seg(1, { text: 'Good mor', final: false }) });
    ch.play(r.render());
    assert.equal(ch.text, '[0:01] … Anna: Good mor\n');
    r.apply({ kind: 'segment', segment: seg(1, { text: 'Good morning everyone.' }) });
    ch.play(r.render());
    assert.equal(ch.text, '[0:01] Anna: Good morning everyone.\n');
    r.apply({ kind: 'segment', segment: seg(1, { text: 'Good morning (late partial)', final: false }) });
    assert.equal(r.hasPending, false, 'a partial never replaces a final');
  });

  it('shows translations of unknown sentences, unknown events raw (shortened), progress and notes', () => {
    const r = new TranscriptRenderer();
    const ch = channel();
    r.apply({ kind: 'translation', sid: 4, language: 'fr-FR', text: 'Bonjour' });
    r.apply({ kind: 'raw', event: 'surprise', data: 'x'.repeat(600) });
    r.apply({ kind: 'progress', percent: 42.4, stage: 'transcribing' });
    r.apply({ kind: 'progress', stage: 'summary', message: 'piece' });
    r.apply({ kind: 'progress', stage: 'summary', message: 'piece' });
    r.note('Reconnecting in 1 s…');
    ch.play(r.render());
    const lines = ch.text.split('\n');
    assert.equal(lines[0], '#4 fr-FR: Bonjour');
    assert.match(lines[1], /^⚠ Event "surprise" shown as received: x{500}… \(600 characters\)$/);
    assert.equal(lines[2], '… 42% transcribing');
    assert.equal(lines[3], '— Generating the summary…');
    assert.equal(lines[4], 'Reconnecting in 1 s…');
  });
});

describe('Output channel chunking', () => {
  it('hands over whole lines, at most the budget, and loses or repeats nothing', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `[${i}] ${'word '.repeat(i % 37)}\n`);
    const backlog = [lines.slice(0, 1200).join(''), lines.slice(1200, 1201).join(''), lines.slice(1201).join('')];
    const chunks: string[] = [];
    for (let guard = 0; backlog.length && guard < 10_000; guard++) chunks.push(takeChunk(backlog, 4096));
    assert.equal(backlog.length, 0);
    assert.equal(chunks.join(''), lines.join(''));
    for (const c of chunks) {
      assert.ok(c.length > 0 && c.length <= 4096, `chunk of ${c.length}`);
      assert.ok(c.endsWith('\n'), 'cut at a line end');
    }
  });

  it('cuts a line longer than the budget rather than stalling', () => {
    const backlog = ['x'.repeat(10_000) + '\n'];
    const chunks = [takeChunk(backlog, 4096), takeChunk(backlog, 4096), takeChunk(backlog, 4096)];
    assert.deepEqual(
      chunks.map((c) => c.length),
      [4096, 4096, 1809],
    );
    assert.equal(backlog.length, 0);
  });

  it('appendBudget: small appends for a meeting-sized backlog, the largest only for a huge one', () => {
    assert.equal(appendBudget(0), 16 * 1024);
    assert.equal(appendBudget(300 * 1024), 16 * 1024, 'a two-hour meeting goes out in 16 KB appends');
    assert.equal(appendBudget(1024 * 1024), Math.ceil((1024 * 1024) / 20));
    assert.equal(appendBudget(11 * 1024 * 1024), 128 * 1024, '100,000 sentences: the 128 KB cap');
  });
});
