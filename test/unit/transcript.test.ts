import assert from 'node:assert/strict';
import { Transcript, type TranscriptSegment } from '../../src/core/transcript/model';
import { formatClock } from '../../src/core/clock';
import { formatSegmentLines, formatTimestamp, toSrt, toVtt } from '../../src/core/transcript/format';

const seg = (sid: number, text: string, extra: Partial<TranscriptSegment> = {}): TranscriptSegment => ({
  sid,
  text,
  final: true,
  startMs: sid * 1000,
  endMs: sid * 1000 + 900,
  ...extra,
});

describe('transcript model', () => {
  it('keeps sentences in sid order and drops replays', () => {
    const t = new Transcript();
    assert.equal(t.apply({ kind: 'segment', segment: seg(2, 'b') }).type, 'added');
    assert.equal(t.apply({ kind: 'segment', segment: seg(1, 'a') }).type, 'added');
    assert.equal(t.apply({ kind: 'segment', segment: seg(2, 'b') }).type, 'duplicate');
    assert.deepEqual(
      t.segments.map((s) => s.text),
      ['a', 'b'],
    );
  });

  it('lets a final result overwrite a partial but never the reverse', () => {
    const t = new Transcript();
    t.apply({ kind: 'segment', segment: seg(1, 'hel', { final: false }) });
    assert.equal(t.apply({ kind: 'segment', segment: seg(1, 'hello') }).type, 'updated');
    assert.equal(t.apply({ kind: 'segment', segment: seg(1, 'hel', { final: false }) }).type, 'duplicate');
    assert.equal(t.get(1)?.text, 'hello');
  });

  it('attaches translations and sentence errors to their sentence', () => {
    const t = new Transcript();
    t.apply({ kind: 'segment', segment: seg(1, 'hola') });
    t.apply({ kind: 'translation', sid: 1, language: 'en-US', text: 'hello' });
    assert.equal(t.apply({ kind: 'translation', sid: 1, language: 'en-US', text: 'hello' }).type, 'duplicate');
    t.apply({ kind: 'sentenceError', sid: 1, code: 'translation_failed', message: 'provider down' });
    assert.deepEqual(t.get(1)?.translations, { 'en-US': 'hello' });
    assert.equal(t.get(1)?.failed?.code, 'translation_failed');
  });

  it('formats lines, SRT and VTT', () => {
    assert.equal(formatTimestamp(3_723_004, ','), '01:02:03,004');
    const s = seg(5, 'Hi there', { speaker: 'Guest-1', translations: { 'en-US': 'Hello there' } });
    assert.equal(formatSegmentLines(s), '[0:05] Guest-1: Hi there\n        en-US: Hello there');
    assert.equal(toSrt([s]), '1\n00:00:05,000 --> 00:00:05,900\nHi there\n');
    assert.equal(toVtt([s], { speakers: true }), 'WEBVTT\n\n00:00:05.000 --> 00:00:05.900\n<v Guest-1>Hi there\n');
  });

  it('formats clock offsets one way: m:ss, h:mm:ss past an hour, or minutes only for the live readout', () => {
    assert.deepEqual([formatClock(5_400), formatClock(754_000), formatClock(3_723_000), formatClock(undefined)], ['0:05', '12:34', '1:02:03', '--:--']);
    assert.equal(formatClock(4_500_000, { minutesOnly: true }), '75:00');
  });
});
