// The README's Performance table is generated: every figure of a run is a row between the markers,
// under its label, the views benchmark's included.
import assert from 'node:assert/strict';
import { tableMarkdown } from '../../bench/readmeTable';
import type { Figure } from '../../bench/lib';

describe('README Performance table', () => {
  it('puts every figure, the views ones included, inside the generated block under its label', () => {
    const figures: Figure[] = [
      { name: 'tree-10k-vscode-first-paint', value: 144, unit: 'ms', peer: 'limit', peerValue: 300, ratio: 0.48, target: '< 300 ms', met: true },
      { name: 'views-report-first-paint', value: 465, unit: 'ms', peer: 'limit', peerValue: 1000, ratio: 0.465, target: '< 1000 ms', met: true },
      { name: 'views-transcript-first-paint', value: 612, unit: 'ms', peer: 'limit', peerValue: 500, ratio: 1.22, target: '< 500 ms', met: false },
      { name: 'views-transcript-scroll-stall', value: 0, unit: 'ms', peer: 'limit', peerValue: 50, ratio: 0, met: true },
      { name: 'views-bundle-weight', value: 22.5, unit: 'KB', peer: 'limit', peerValue: 300, ratio: 0.075, met: true },
    ];
    const lines = tableMarkdown(figures, { startedAt: new Date('2026-12-01T14:00:00Z'), minutes: 6, loadStart: 1, loadEnd: 2 }).split('\n');
    assert.match(lines[0], /^<!-- bench:table:start/);
    assert.equal(lines.at(-1), '<!-- bench:table:end -->');
    const rows = lines.filter((l) => l.startsWith('| views'));
    assert.deepEqual(rows, [
      '| views: job report, 10 MB core metadata (real VS Code), first paint | 465 ms | limit 1,000 ms | 0.465 | < 1000 ms | ✓ |',
      '| views: transcript viewer, 2,000 sentences × 2 translations, first paint | 612 ms | limit 500 ms | 1.22 | < 500 ms | ✗ |',
      '| views: transcript viewer, longest webview task while scrolling | 0 ms | limit 50 ms | 0 | — | ✓ |',
      '| views: webview bundles (report, transcript, stylesheet) | 22.5 KB | limit 300 KB | 0.0750 | — | ✓ |',
    ]);
  });
});
