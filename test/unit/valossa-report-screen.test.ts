// The job report model → what the report webview is sent: a small first screen, then lanes, search
// results and the remaining speech on request; the pieces together are the whole report.
import assert from 'node:assert/strict';
import { bigCoreMetadata } from '../../bench/bigMetadata';
import { buildReport, defaultLanes } from '../../src/core/valossa/report';
import { ReportScreens } from '../../src/core/valossa/reportScreen';

describe('Valossa report screens', () => {
  const report = buildReport(bigCoreMetadata().metadata);
  const screens = new ReportScreens(report);

  it('sends a first screen of a 10 MB file that is a small part of the report', () => {
    const first = screens.firstScreen(10, 150);
    const firstBytes = JSON.stringify(first).length;
    const wholeBytes = JSON.stringify(report).length;
    assert.ok(firstBytes * 8 < wholeBytes, `first screen ${firstBytes} B of a ${wholeBytes} B report`);
    assert.deepEqual(first.media, report.media);
    assert.equal(first.timelineS, report.timelineS);
    assert.deepEqual(
      first.categories.map((c) => [c.type, c.total, c.rows.length]),
      report.categories.map((c) => [c.type, c.detections.length, Math.min(10, c.detections.length)]),
    );
    const top = report.categories[0].detections[0];
    assert.deepEqual(first.categories[0].rows[0], {
      id: top.id,
      type: top.type,
      label: top.label,
      occurrenceCount: top.occurrences.length,
      screenTimeS: top.screenTimeS,
    });
    // Occurrences only for the lanes shown at first.
    assert.deepEqual(first.defaultLanes, defaultLanes(report));
    assert.deepEqual(
      first.lanes.map((l) => l.id),
      first.defaultLanes,
    );
    assert.equal(first.speech.length, 150);
    assert.equal(first.speechTotal, report.speech.length);
  });

  it('answers for lanes by id, in the order asked, ignoring unknown ids', () => {
    const [a, b] = [report.categories[1].detections[42], report.categories[0].detections[7]];
    const lanes = screens.lanes([a.id, 'no-such-id', b.id]);
    assert.deepEqual(
      lanes.map((l) => [l.id, l.label, l.occurrences]),
      [
        [a.id, a.label, a.occurrences],
        [b.id, b.label, b.occurrences],
      ],
    );
  });

  it('searches every label, not only the first screen, case-insensitively', () => {
    const found = screens.search('  CONCEPT 59');
    // concept 59 and concept 590 … 599: beyond the first ten rows.
    assert.deepEqual(
      found.map((c) => c.type),
      ['visual.context'],
    );
    assert.deepEqual(
      found[0].rows.map((r) => r.label),
      ['concept 59', ...Array.from({ length: 10 }, (_, i) => `concept 59${i}`)],
    );
    assert.equal(found[0].total, 600);
    assert.deepEqual(screens.search('   '), []);
    assert.deepEqual(screens.search('nothing is called this'), []);
  });

  it('gives the speech after the first screen so that together they are the whole transcript', () => {
    const first = screens.firstScreen();
    const rest = screens.speechFrom(first.speech.length);
    assert.deepEqual([...first.speech, ...rest], report.speech);
    assert.deepEqual(screens.speechFrom(-3), report.speech);
    assert.deepEqual(screens.speechFrom(report.speech.length + 5), []);
  });
});
