// The transcript model → the transcript viewer's model: times, speaker colours kept across renames
// and later sentences, translation columns, the playing sentence and search.
import assert from 'node:assert/strict';
import { Transcript, type TranscriptSegment } from '../../src/core/transcript/model';
import { matchRanges, sentenceAt, sentenceMatches, SpeakerColours, SPEAKER_COLOURS, transcriptView, viewSentence } from '../../src/core/transcript/view';

const seg = (sid: number, text: string, extra: Partial<TranscriptSegment> = {}): TranscriptSegment => ({
  sid,
  text,
  final: true,
  startMs: sid * 2000,
  endMs: sid * 2000 + 1500,
  ...extra,
});

describe('transcript view model', () => {
  it('builds sentences with time, speaker colour by id, translation languages and the summary', () => {
    const t = new Transcript();
    t.apply({ kind: 'segment', segment: seg(1, 'Hello', { speaker: 'Alice', speakerId: 's1', translations: { 'fi-FI': 'Hei' } }) });
    t.apply({ kind: 'segment', segment: seg(2, 'Hi', { speaker: 'Speaker 2', speakerId: 's2' }) });
    t.apply({ kind: 'translation', sid: 2, language: 'ja-JP', text: 'やあ' });
    t.apply({ kind: 'segment', segment: seg(31, 'Again', { speaker: 'Alice (renamed)', speakerId: 's1', startMs: 62_000 }) });
    t.apply({ kind: 'sentenceError', sid: 31, code: 'translation_failed', message: 'No translation' });
    t.apply({ kind: 'summary', text: '  A short talk.  ' });
    const v = transcriptView({ title: 'Talk', summary: t.summary, segments: t.segments });
    assert.equal(v.summary, 'A short talk.');
    assert.deepEqual(
      v.sentences.map((s) => [s.sid, s.time, s.speaker, s.colour]),
      [
        [1, '0:02', 'Alice', 0],
        [2, '0:04', 'Speaker 2', 1],
        [31, '1:02', 'Alice (renamed)', 0],
      ],
    );
    assert.deepEqual(v.languages, ['fi-FI', 'ja-JP']);
    assert.deepEqual(v.speakers, [
      { label: 'Alice', colour: 0 },
      { label: 'Speaker 2', colour: 1 },
      { label: 'Alice (renamed)', colour: 0 },
    ]);
    assert.equal(v.sentences[2].failed, 'No translation (translation_failed)');
    assert.equal(transcriptView({ title: 'x', summary: '   ', segments: [] }).summary, undefined);
  });

  it('keeps colour slots for later sentences and wraps after the palette', () => {
    const colours = new SpeakerColours();
    transcriptView({ title: 'live', segments: [seg(1, 'a', { speakerId: 'x' })] }, colours);
    assert.equal(viewSentence(seg(2, 'b', { speakerId: 'y' }), colours).colour, 1);
    assert.equal(viewSentence(seg(3, 'c', { speakerId: 'x' }), colours).colour, 0);
    assert.equal(viewSentence(seg(4, 'd'), colours).colour, undefined);
    for (let i = 0; i < SPEAKER_COLOURS; i++) colours.of({ speaker: `extra ${i}` });
    assert.ok((colours.of({ speaker: 'extra 0' }) ?? -1) < SPEAKER_COLOURS);
    assert.equal(viewSentence(seg(5, 'p', { final: false }), colours).final, false);
  });

  it('finds the playing sentence by time', () => {
    const s = [{ startMs: 0 }, { startMs: 1000 }, { startMs: 2500 }, { startMs: 2500 }, { startMs: 9000 }];
    assert.equal(sentenceAt(s, -1), -1);
    assert.equal(sentenceAt(s, 0), 0);
    assert.equal(sentenceAt(s, 999), 0);
    assert.equal(sentenceAt(s, 2600), 3);
    assert.equal(sentenceAt(s, 1e9), 4);
    assert.equal(sentenceAt([], 5), -1);
    const big = Array.from({ length: 2000 }, (_, i) => ({ startMs: i * 3000 }));
    assert.equal(sentenceAt(big, 3000 * 1234 + 10), 1234);
  });

  it('searches text, speaker and translations, case-insensitively, with ranges to highlight', () => {
    assert.deepEqual(matchRanges('Ab ab AB', 'ab'), [
      [0, 2],
      [3, 5],
      [6, 8],
    ]);
    assert.deepEqual(matchRanges('aaa', 'aa'), [[0, 2]]);
    assert.deepEqual(matchRanges('text', '  '), []);
    const s = { text: 'Welcome back', speaker: 'Alice', translations: { 'fi-FI': 'Tervetuloa takaisin' } };
    assert.ok(sentenceMatches(s, 'BACK'));
    assert.ok(sentenceMatches(s, 'alice'));
    assert.ok(sentenceMatches(s, 'takaisin'));
    assert.ok(!sentenceMatches(s, 'bob'));
    assert.ok(!sentenceMatches(s, ''));
  });
});
