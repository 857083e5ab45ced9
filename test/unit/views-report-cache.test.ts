// The report cache keeps the most recently used reports, up to its capacity.
import assert from 'node:assert/strict';
import { buildReport } from '../../src/core/valossa/report';
import { ReportScreens } from '../../src/core/valossa/reportScreen';
import { ReportCache } from '../../src/features/views/reportCache';

describe('Report cache', () => {
  const screens = () => new ReportScreens(buildReport({}));

  it('keeps the most recently used reports and drops the oldest beyond its capacity', () => {
    const cache = new ReportCache(2);
    const [a, b, c] = [screens(), screens(), screens()];
    cache.set('a', a);
    cache.set('b', b);
    assert.equal(cache.get('a'), a, 'a is now the most recent');
    cache.set('c', c);
    assert.equal(cache.get('b'), undefined, 'b was the least recently used');
    assert.equal(cache.get('a'), a);
    assert.equal(cache.get('c'), c);
    cache.clear();
    assert.equal(cache.get('a'), undefined);
  });
});
