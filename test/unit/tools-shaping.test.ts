// The language-model tools' result shaping (src/core/tools): what fits a budget and the note that
// says how to read on, task filters and look-ups, a Valossa job in brief from the emulator's real
// core metadata, scan findings without keys, and the status lines.
import assert from 'node:assert/strict';
import { ToolInputError } from '../../src/core/tools/errors';
import { formatScanReport } from '../../src/core/tools/scan';
import { formatStatus } from '../../src/core/tools/status';
import { filterTasks, findTask, formatTaskList, parseTaskQuery } from '../../src/core/tools/tasks';
import { formatTranscript } from '../../src/core/tools/transcript';
import { formatJobList, formatJobSummary } from '../../src/core/tools/valossa';
import { clip, textWindow } from '../../src/core/tools/window';
import type { TranscriptSegment } from '../../src/core/transcript/model';
import type { CoreMetadata } from '../../src/core/valossa/types';
import type { VurboTask } from '../../src/core/vurbo/types';
import type { ReportedFinding, ScanReport } from '../../src/core/scan';
import { coreMetadata } from '../../src/emulator/valossa/metadata';

const task = (over: Partial<VurboTask>): VurboTask => ({
  taskId: 't1',
  title: 'Weekly product review',
  type: 'transcribe',
  durationMs: 65_000,
  processingStatus: 'completed',
  isPinned: false,
  isUnread: false,
  createdAt: '2026-11-30T10:00:00Z',
  ...over,
});

const segments = (n: number): TranscriptSegment[] =>
  Array.from({ length: n }, (_, i) => ({
    sid: i + 1,
    text: `Sentence number ${i + 1} of the meeting.`,
    startMs: i * 4000,
    speaker: i % 2 ? 'Bob' : 'Ann',
    final: true,
    translations: { 'de-DE': `Satz ${i + 1}.` },
  }));

describe('language-model tool results', () => {
  describe('textWindow and clip', () => {
    it('shows whole blocks within the budget, always at least one, and says whether more follow', () => {
      const w = textWindow(['aaaa', 'bbbb', 'cccc'], 1, 10);
      assert.deepEqual([w.text, w.first, w.last, w.total, w.truncated], ['aaaa\nbbbb', 1, 2, 3, true]);
      assert.deepEqual(textWindow(['x'.repeat(50)], 1, 10).last, 1);
      assert.equal(textWindow(['a', 'b'], 2, 10).text, 'b');
      assert.equal(textWindow(['a', 'b'], 3, 10).first, 0);
      assert.equal(textWindow(['a', 'b'], 1, 100).truncated, false);
    });

    it('clips at a word boundary with an ellipsis', () => {
      assert.equal(clip('alpha beta gamma delta', 14), 'alpha beta…');
      assert.equal(clip('abcdefghijklmnop', 8), 'abcdefg…');
      assert.equal(clip('short', 12), 'short');
    });
  });

  describe('formatTranscript', () => {
    const source = { title: 'Review', taskId: 't1', sourceLanguage: 'en-US', segments: segments(200), summary: 'Ship it.' };

    it('numbers sentences with time and speaker and, when cut, says which fromSentence reads on', () => {
      const text = formatTranscript(source, { maxChars: 400 });
      assert.match(text, /^Transcript of "Review" \(task id t1\): 200 sentences; spoken language en-US; speakers Ann, Bob; translations de-DE\./);
      assert.match(text, /\n1\. \[0:00\] Ann: Sentence number 1 of the meeting\.\n2\. \[0:04\] Bob: /);
      const last = Number(/Truncated: sentences 1–(\d+) of 200 shown\. To read on, call this tool again with fromSentence (\d+)/.exec(text)?.[1]);
      assert.ok(last > 3 && last < 20, `shows ${last}`);
      assert.match(text, new RegExp(`fromSentence ${last + 1} `));
      assert.ok(text.length < 400 + 600, 'stays near the budget');
      assert.doesNotMatch(text, /Satz/, 'no translation unless asked');
      assert.match(text, /Summary stored with the task:\nShip it\./);
    });

    it('reads a range with one translation, and says when a language or a start is not there', () => {
      const text = formatTranscript(source, { fromSentence: 150, toSentence: 151, language: 'de-DE' });
      assert.match(text, /Sentences 150–151:\n150\. \[9:56\] Bob: Sentence number 150 of the meeting\.\n {3}\(de-DE\) Satz 150\.\n151\. /);
      assert.doesNotMatch(text, /Truncated|Summary stored/);
      assert.match(formatTranscript(source, { language: 'fr-FR' }), /\[No fr-FR translation is stored for this task; available: de-DE\.\]/);
      assert.match(formatTranscript(source, { fromSentence: 300 }), /\[fromSentence 300 is past the last sentence, 200\.\]/);
      assert.throws(() => formatTranscript(source, { fromSentence: 5, toSentence: 4 }), ToolInputError);
    });
  });

  describe('tasks', () => {
    const tasks = [
      task({}),
      task({ taskId: 't2', title: 'Standup', createdAt: '2026-11-29T09:00:00Z' }),
      task({ taskId: 't3', title: 'Draft', processingStatus: 'failed' }),
      task({ taskId: 't4', title: 'Live now', processingStatus: 'recording', createdAt: undefined }),
    ];

    it('filters by status, a part of the name and a whole day', () => {
      const ids = (q: object) => filterTasks(tasks, parseTaskQuery(q)).map((t) => t.taskId);
      assert.deepEqual(ids({}), ['t1', 't2', 't3', 't4']);
      assert.deepEqual(ids({ status: 'active' }), ['t4']);
      assert.deepEqual(ids({ status: 'failed' }), ['t3']);
      assert.deepEqual(ids({ name: 'STAND' }), ['t2']);
      assert.deepEqual(ids({ since: '2026-11-29', until: '2026-11-29' }), ['t2']);
      assert.deepEqual(ids({ since: '2026-11-30T09:30:00Z' }), ['t1', 't3']);
    });

    it('explains bad filters', () => {
      assert.throws(() => parseTaskQuery({ status: 'done' }), /status must be one of all, completed, active, failed, not "done"/);
      assert.throws(() => parseTaskQuery({ since: 'yesterday' }), /since must be a date such as 2026-11-30/);
      assert.throws(() => parseTaskQuery({ since: '2026-12-02', until: '2026-12-01' }), /since must not be after until/);
    });

    it('lists matches in one line each, and cuts a long list with a note', () => {
      assert.match(
        formatTaskList(tasks, parseTaskQuery({ name: 'review' })),
        /^1 of 4 Vurbo tasks match name containing "review"\.\n- "Weekly product review" \(id t1\): completed, transcribe, created 2026-11-30T10:00:00Z, length 1:05$/,
      );
      const many = Array.from({ length: 500 }, (_, i) => task({ taskId: `id${i}` }));
      assert.match(formatTaskList(many, parseTaskQuery({}), 1000), /\[Only the first \d+ are listed\. Narrow the list with name, status, since or until\.\]$/);
    });

    it('finds a task by id, title or a unique part; exact look-ups take no part; ambiguity lists the candidates', () => {
      assert.equal(findTask(tasks, 't2').title, 'Standup');
      assert.equal(findTask(tasks, 'weekly product review', true).taskId, 't1');
      assert.equal(findTask(tasks, 'product').taskId, 't1');
      assert.throws(() => findTask(tasks, 'product', true), /No Vurbo task has the id or title "product"/);
      const twins = [task({}), task({ taskId: 't9', title: 'Weekly product review (copy)' })];
      assert.throws(
        () => findTask(twins, 'weekly'),
        /"weekly" names 2 Vurbo tasks: "Weekly product review" \(id t1\), "Weekly product review \(copy\)" \(id t9\)\. Give the task id instead\./,
      );
    });
  });

  describe('Valossa jobs', () => {
    it('summarizes core metadata: media facts, top detections per category, a speech excerpt — no raw fields', () => {
      const md = coreMetadata('job-1', { media: { title: 'Product review', language: 'en-US' } }) as CoreMetadata;
      const text = formatJobSummary('job-1', md, { excerptChars: 60 });
      assert.match(
        text,
        /^Valossa job job-1\.\nMedia: title "Product review", duration \d+:\d\d \(\d+ s\), resolution 1280×720, 25 fps, video h264, audio aac, language en-US\./,
      );
      assert.match(text, /\n- visual\.context: person \(\d+ s\), microphone \(\d+ s\)\n/);
      assert.doesNotMatch(text, /audio\.speech_detailed|"occs"|by_second/);
      assert.match(text, /Speech \(\d+ segments, excerpt\):\n\[0:01\] .{1,60}$/);
      assert.match(
        formatJobSummary('j', { detections: {} }),
        /Media: no media facts in the metadata\.\nNo visual or audio detections besides speech\.\nNo speech was detected\./,
      );
    });

    it('gives a detection the time the report gives it: overlapping occurrences count once', () => {
      const md = {
        detections: {
          '1': {
            t: 'human.face',
            label: 'Anna',
            occs: [
              { ss: 0, se: 10 },
              { ss: 5, se: 12 },
              { ss: 20, se: 23 },
            ],
          },
        },
        detection_groupings: { by_detection_type: { 'human.face': ['1'] } },
      } as unknown as CoreMetadata;
      assert.match(formatJobSummary('j', md), /\n- human\.face: Anna \(15 s\)\n/);
    });

    it('lists jobs with their status and the reason of a failure; cancelled reads as such', () => {
      const text = formatJobList([
        { job_id: 'a', status: 'finished' },
        { job_id: 'b', status: 'error', details: 'Media download failed' },
        { job_id: 'c', status: 'error', details: 'cancelled' },
      ]);
      assert.equal(text, '3 Valossa jobs, 1 finished (only finished jobs have a summary):\n- a: finished\n- b: error — Media download failed\n- c: cancelled');
      assert.equal(formatJobList([]), 'No Valossa jobs.');
    });
  });

  describe('scan and status', () => {
    const key = `vas_${'Q7'.repeat(16)}`;
    const finding = {
      file: '/w/.env',
      relPath: '.env',
      line: 3,
      ruleId: 'vurbo-api-key',
      provider: 'vurbo',
      status: 'untracked',
      severity: 'error',
      fingerprint: 'fp:abc',
      excerpt: `KEY=${key}`,
      message: `found ${key}`,
      detail: key,
    } as unknown as ReportedFinding;
    const report = (findings: ReportedFinding[]): ScanReport => ({
      base: '/w',
      findings,
      filesScanned: 7,
      skipped: [],
      notReported: 0,
      durationMs: 1,
      cancelled: false,
      notices: [],
    });

    it('reports path, line, rule, severity and fingerprint, never the key or its excerpt', () => {
      const text = formatScanReport([{ folder: 'w', report: report([finding]), baselined: new Set() }]);
      assert.match(
        text,
        /^1 hard-coded API key finding in 7 files\.\n- \.env:3 {2}rule vurbo-api-key \(vurbo\) {2}severity error {2}git untracked {2}fingerprint fp:abc\n/,
      );
      assert.ok(!text.includes(key) && !text.includes('Q7Q7'), 'no key');
      assert.match(formatScanReport([{ folder: 'w', report: report([finding]), baselined: new Set(['fp:abc']) }]), /severity information \(in the baseline\)/);
      assert.equal(formatScanReport([{ folder: 'w', report: report([]), baselined: new Set() }]), 'No hard-coded API keys found in 7 files.');
      const two = formatScanReport([
        { folder: 'a', report: report([finding]), baselined: new Set() },
        { folder: 'b', report: report([finding]), baselined: new Set() },
      ]);
      assert.match(two, /- a\/\.env:3 [\s\S]*- b\/\.env:3 /);
    });

    it('says yes or no per provider, where the base URL comes from, the sandbox and trust', () => {
      const text = formatStatus(
        [
          { label: 'Vurbo', baseUrl: 'http://127.0.0.1:5/x', source: 'your user settings', hasKey: true, unconfirmed: false, sandbox: true },
          { label: 'Valossa', baseUrl: 'ftp://x', problem: 'not http', source: 'the default', hasKey: false, unconfirmed: true, sandbox: false },
        ],
        'http://127.0.0.1:5',
        false,
      );
      assert.equal(
        text,
        [
          'Speech API Explorer status:',
          '- Vurbo: base URL http://127.0.0.1:5/x (from your user settings); key stored for this origin: yes; this is the local sandbox',
          '- Valossa: base URL ftp://x (from the default); not usable: not http; host named by a workspace setting and not yet confirmed, so no key is sent; key stored for this origin: no',
          '- Sandbox: running at http://127.0.0.1:5',
          '- Workspace trust: restricted — the tools that send requests refuse to run',
        ].join('\n'),
      );
    });
  });
});
