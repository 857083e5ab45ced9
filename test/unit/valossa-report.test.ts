// Core metadata → the job report model: the emulator's metadata (written as the server would) and
// hand-made files in the shapes the docs allow, including broken ones.
import assert from 'node:assert/strict';
import { buildReport, coveredSeconds, defaultLanes } from '../../src/core/valossa/report';
import { coreMetadata } from '../../src/emulator/valossa/metadata';

const det = (t: string, label: string, occs: unknown[] = [], extra: Record<string, unknown> = {}) => ({ t, label, occs, ...extra });

describe('Valossa report model', () => {
  it('reads media facts, detections and speaker turns from the emulator metadata', () => {
    const md = coreMetadata('job-report-1', { media: { title: 'Product review' } }) as {
      media_info: { technical: { duration_s: number } };
      detection_groupings: { by_detection_type: Record<string, string[]> };
    };
    const r = buildReport(md);
    assert.equal(r.media.title, 'Product review');
    assert.equal(r.media.jobId, 'job-report-1');
    assert.equal(r.media.durationS, md.media_info.technical.duration_s);
    assert.deepEqual(
      [r.media.width, r.media.height, r.media.fps, r.media.videoCodec, r.media.audioCodec, r.media.metadataFormat],
      [1280, 720, 25, 'h264', 'aac', '1.8.1'],
    );
    // Speech is the transcript, not a detection list.
    assert.deepEqual(
      r.categories.map((c) => c.type),
      ['visual.context'],
    );
    const person = r.categories[0].detections[0];
    assert.equal(person.label, 'person');
    assert.equal(person.occurrences.length, 1);
    assert.equal(person.occurrences[0].confidence, 0.93);
    assert.equal(person.screenTimeS, md.media_info.technical.duration_s);
    // Word-level speech with speakers wins over the plain segments.
    assert.ok(r.speech.length >= 2);
    assert.match(r.speech[0].speaker ?? '', /^Speaker \d$/);
    const words = md.detection_groupings.by_detection_type['audio.speech_detailed'].length;
    assert.ok(r.speech.map((s) => s.text.split(' ').length).reduce((a, b) => a + b, 0) < words, 'punctuation attached to words');
    assert.equal(r.timelineS, md.media_info.technical.duration_s);
  });

  it('keeps the file order, counts occurrences and adds up screen time without counting overlaps twice', () => {
    const md = {
      detections: {
        '1': det('human.face', 'Alice', [
          { ss: 0, se: 4, c_max: 0.9 },
          { ss: 2, se: 6 },
          { ss: 10, se: 11 },
        ]),
        '2': det('human.face', 'Bob', [{ ss: 1, se: 2 }]),
        '3': det('audio.context', 'applause', [{ ss: 5, se: 7, c_max: 0.7 }]),
      },
      detection_groupings: { by_detection_type: { 'human.face': ['2', '1'], 'audio.context': ['3'] } },
    };
    const r = buildReport(md);
    assert.deepEqual(
      r.categories.map((c) => [c.type, c.detections.map((d) => d.label)]),
      [
        ['human.face', ['Bob', 'Alice']],
        ['audio.context', ['applause']],
      ],
    );
    const alice = r.categories[0].detections[1];
    assert.equal(alice.occurrences.length, 3);
    assert.equal(alice.screenTimeS, 7);
    assert.equal(r.timelineS, 11, 'no duration: the last occurrence ends the timeline');
    assert.deepEqual(defaultLanes(r, 2), ['2', '3']);
    assert.deepEqual(defaultLanes(r), ['2', '3', '1']);
  });

  it('is lenient: unknown types under their own name, unlisted detections, bad fields skipped, junk gives an empty report', () => {
    const md = {
      media_info: { technical: { duration_s: 'long', resolution: null } },
      detections: {
        '7': det('visual.brand_new_thing', 'Something', [{ ss: 3, se: 1 }, { se: 9 }, 'junk', { ss: 4, se: 5, c: 0.4 }]),
        '8': { t: 'human.face', occs: 'nope' },
        '9': 'not a detection',
      },
      detection_groupings: { by_detection_type: { 'visual.brand_new_thing': ['7', '404'], broken: 'x' } },
    };
    const r = buildReport(md);
    const byType = Object.fromEntries(r.categories.map((c) => [c.type, c.detections]));
    assert.deepEqual(byType['visual.brand_new_thing'][0].occurrences, [
      { startS: 3, endS: 3 },
      { startS: 4, endS: 5, confidence: 0.4 },
    ]);
    assert.equal(byType['human.face'][0].label, '#8');
    assert.equal(byType['unknown'][0].id, '9');
    assert.equal(r.media.durationS, undefined);
    assert.deepEqual(r.speech, []);
    for (const junk of [null, 42, 'text', [], { detections: [] }]) {
      const empty = buildReport(junk);
      assert.deepEqual([empty.categories, empty.speech, empty.timelineS], [[], [], 0]);
    }
  });

  it('falls back to the speech segments when there is no word-level speech', () => {
    const md = {
      detections: { '1': det('audio.speech', 'Hello there.', [{ ss: 1.5, se: 3 }]), '2': det('audio.speech', 'Bye.', [{ ss: 4, se: 5 }]) },
      detection_groupings: { by_detection_type: { 'audio.speech': ['1', '2'] } },
    };
    const r = buildReport(md);
    assert.deepEqual(
      r.speech.map((s) => [s.text, s.startMs, s.endMs]),
      [
        ['Hello there.', 1500, 3000],
        ['Bye.', 4000, 5000],
      ],
    );
    assert.deepEqual(r.categories, []);
  });

  it('measures covered time over sorted intervals', () => {
    assert.equal(coveredSeconds([]), 0);
    assert.equal(
      coveredSeconds([
        { startS: 0, endS: 1 },
        { startS: 0.5, endS: 3 },
        { startS: 1, endS: 2 },
        { startS: 5, endS: 5.5 },
      ]),
      3.5,
    );
  });
});
