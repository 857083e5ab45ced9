// Property-based tests of the stream handlers and the scanner: the SSE event interpreter and the live
// WebSocket message parser never throw, never hang and never drop an event silently, whatever arrives;
// the scanner's Vurbo-key rule agrees with a plain regular expression on random text with planted keys.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanText } from '../../src/core/scan';
import { isPlaceholderVurboBody } from '../../src/core/scan/placeholders';
import {
  HISTORY_EVENTS,
  IMPORT_EVENTS,
  RETRANSLATE_EVENTS,
  SENTENCE_EVENT_ALIASES,
  SUMMARY_EVENTS,
  TERMINAL_EVENT_ALIASES,
  TTS_EVENTS,
} from '../../src/core/vurbo/inferred';
import { parseServerMessage, type LiveEvent } from '../../src/core/vurbo/liveProtocol';
import { interpretEvent, InterpreterState, type SseStreamKind } from '../../src/core/vurbo/sseEvents';

const SEED = 20261201;
const runs = { seed: SEED, numRuns: 300 };

const KINDS: SseStreamKind[] = ['history', 'retranslate', 'retranslateSummary', 'importProgress', 'summary', 'tts'];
const EVENT_NAMES = [
  ...new Set<string>([
    ...Object.values(HISTORY_EVENTS),
    ...Object.values(IMPORT_EVENTS),
    ...Object.values(RETRANSLATE_EVENTS),
    ...Object.values(SUMMARY_EVENTS),
    ...Object.values(TTS_EVENTS),
    ...SENTENCE_EVENT_ALIASES,
    ...TERMINAL_EVENT_ALIASES,
    'connected',
    'message',
  ]),
];
const FIELDS = [
  'sid',
  'id',
  'text',
  'transcript',
  'source_text',
  'translations',
  'speaker_id',
  'speaker_label',
  'start_ms',
  'end_ms',
  'language',
  'target_lang',
  'summary',
  'delta',
  'percent',
  'stage',
  'message',
  'error_code',
  'severity',
  'details',
  'task_id',
  'title',
  'speakers',
  'audio',
  'word_boundaries',
  'reason',
  'type',
  'data',
  'action',
  'is_final',
  'final',
  'count',
  'status',
];

const toJson = (v: unknown) => {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return '';
  }
};
/** A payload shaped like the real ones (known field names, wild values), or anything at all. */
const payload = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.json({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...FIELDS), fc.anything({ maxDepth: 2 }), { maxKeys: 8 }).map(toJson),
  fc.record({ type: fc.constant('error'), data: fc.dictionary(fc.constantFrom(...FIELDS), fc.anything({ maxDepth: 2 }), { maxKeys: 6 }) }).map(toJson),
  // Truncated JSON, as a cut stream would leave it.
  fc.tuple(fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }), fc.nat()).map(([o, n]) => {
    const s = toJson(o);
    return s.slice(0, n % (s.length + 1));
  }),
);
const eventName = fc.oneof(fc.constantFrom(...EVENT_NAMES), fc.string({ maxLength: 20 }));

describe('fuzz: SSE event interpreter', () => {
  it('never throws, and every event comes back as something shown (or as the fatal error that ends the stream)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.array(fc.tuple(eventName, payload), { minLength: 1, maxLength: 12 }),
        fc.option(fc.string({ maxLength: 8 })),
        (kind, stream, language) => {
          // One state across the stream, as the client keeps it (summary chunks accumulate).
          const state = new InterpreterState();
          for (const [name, data] of stream) {
            const out = interpretEvent(kind, name, data, state, { language: language ?? undefined });
            assert.ok(Array.isArray(out.events));
            assert.ok(out.events.length > 0 || out.fatal !== undefined, `${kind}/${name} dropped ${JSON.stringify(data)}`);
            for (const e of out.events) {
              if (e.kind === 'segment') {
                assert.ok(Number.isFinite(e.segment.sid), 'a sentence always has a numeric sid');
                assert.equal(typeof e.segment.text, 'string');
              }
              if (e.kind === 'translation') assert.ok(Number.isFinite(e.sid) && typeof e.text === 'string' && e.language.length > 0);
              if (e.kind === 'raw') assert.equal(e.data, data, 'raw events carry the payload as received');
            }
            if (out.fatal) assert.equal(out.fatal.endsSession, true);
          }
        },
      ),
      runs,
    );
  });

  it('stays linear on large payloads (a 1 MB event is handled in well under a second)', () => {
    const big = JSON.stringify({
      sid: 1,
      text: 'x'.repeat(1_000_000),
      translations: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`l${i}`, 'y'])),
    });
    for (const kind of KINDS) {
      for (const name of ['entry', 'translation', 'summary_chunk', 'error', 'done', 'nonsense']) {
        const started = performance.now();
        interpretEvent(kind, name, big, new InterpreterState());
        interpretEvent(kind, name, big.slice(0, big.length - 3), new InterpreterState());
        assert.ok(performance.now() - started < 1000, `${kind}/${name}`);
      }
    }
  });
});

const LIVE_ACTIONS = [
  'session_started',
  'result',
  'status',
  'segment_uploaded',
  'upload_error',
  'task_complete',
  'summary_done',
  'summary_error',
  'broadcast_phase_changed',
  'viewer_count',
  'viewer_joined',
  'viewer_left',
  'pong',
  'error',
  'config_updated',
];
const LIVE_KINDS = new Set<LiveEvent['kind']>([
  'session_started',
  'result',
  'error',
  'status',
  'segment_uploaded',
  'upload_error',
  'task_complete',
  'summary_done',
  'summary_error',
  'broadcast_phase_changed',
  'viewer_count',
  'health',
  'raw',
]);

describe('fuzz: live WebSocket message parser', () => {
  const liveFrame = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.json({ maxDepth: 3 }),
    fc
      .record({
        type: fc.oneof(fc.constantFrom('voice-translation', 'error', 'health', 'broadcast'), fc.string({ maxLength: 10 })),
        data: fc.oneof(
          fc
            .dictionary(fc.constantFrom(...FIELDS), fc.anything({ maxDepth: 2 }), { maxKeys: 8 })
            .chain((d) => fc.constantFrom(...LIVE_ACTIONS).map((action) => ({ ...d, action }))),
          fc.anything({ maxDepth: 2 }),
        ),
      })
      .map(toJson),
    fc.tuple(fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }), fc.nat()).map(([o, n]) => {
      const s = toJson({ type: 'voice-translation', data: { action: 'result', ...o } });
      return s.slice(0, n % (s.length + 1));
    }),
  );

  it('never throws and always answers a known kind; results are well-formed, the rest is kept raw', () => {
    fc.assert(
      fc.property(liveFrame, (text) => {
        const e = parseServerMessage(text);
        assert.ok(LIVE_KINDS.has(e.kind), e.kind);
        if (e.kind === 'raw') assert.equal(e.text, text);
        if (e.kind === 'result') {
          assert.ok(Number.isFinite(e.result.sid));
          assert.equal(typeof e.result.text, 'string');
          assert.equal(typeof e.result.final, 'boolean');
          for (const [k, v] of Object.entries(e.result.translations)) assert.ok(typeof k === 'string' && typeof v === 'string');
        }
        if (e.kind === 'error') assert.ok(e.error.message.length > 0);
      }),
      runs,
    );
  });
});

// ---- the scanner against a reference ------------------------------------------------------------

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...ALNUM.split('')), minLength: min, maxLength: max });
/** A random key body; the scanner's documented placeholder rule (examples, fillers) is applied by the reference. */
const keyBody = alnum(32, 32);
const filler = fc.oneof(
  fc.string({ unit: fc.constantFrom(...' \n\t"\'=:;,./()[]{}<>-_#'.split(''), ...ALNUM.split('')), maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
/** Planted pieces: real-looking keys and the near misses around them. */
const piece = fc.oneof(
  filler,
  keyBody.map((b) => `vas_${b}`),
  keyBody.map((b) => ` vas_${b} `),
  fc.tuple(fc.constantFrom('canvas_', 'my_vas_', 'x', '_', '9'), keyBody).map(([p, b]) => `${p.endsWith('vas_') ? p : `${p}vas_`}${b}`),
  fc.tuple(keyBody, alnum(1, 3)).map(([b, extra]) => `vas_${b}${extra}`),
  keyBody.map((b) => `vas_${b.slice(0, 31)}`),
  fc.tuple(keyBody, fc.constantFrom('_suffix', '-', '.', '"', '\n')).map(([b, s]) => `vas_${b}${s}`),
  fc.constantFrom(`vas_${'x'.repeat(32)}`, 'vas_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW', `VAS_${'Q7'.repeat(16)}`, 'vas_'),
);

/** The straightforward reading of the rule: `vas_` + exactly 32 letters/digits on token boundaries, not a placeholder. */
function referenceKeys(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/(?<![A-Za-z0-9_])vas_([A-Za-z0-9]{32})(?![A-Za-z0-9])/g)) {
    if (!isPlaceholderVurboBody(m[1])) out.push([m.index, m.index + 36]);
  }
  return out;
}

describe('fuzz: scanner against a reference implementation', () => {
  it('finds exactly the keys the reference finds, at the same offsets, in random text with planted keys', () => {
    let planted = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const expected = referenceKeys(text);
        planted += expected.length;
        const found = scanText(text)
          .filter((f) => f.ruleId === 'vurbo-api-key')
          .map((f) => [f.start, f.end] as [number, number]);
        assert.deepEqual(found, expected, JSON.stringify(text));
      }),
      { ...runs, numRuns: 500 },
    );
    assert.ok(planted > 300, `the generator really planted keys (${planted})`);
  });

  it('never throws on arbitrary text, and every finding lies inside it', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.array(piece, { maxLength: 20 }).map((p) => p.join('')),
        ),
        (text) => {
          for (const f of scanText(text)) {
            assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end);
            assert.ok(f.line >= 1 && f.column >= 1);
          }
        },
      ),
      runs,
    );
  });
});
