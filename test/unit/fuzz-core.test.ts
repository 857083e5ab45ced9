// Property-based tests: the error parser and the redactor never throw or hang on arbitrary input,
// and the redactor never lets a key through.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ApiError, parseErrorBody, vurboErrorFromObject } from '../../src/core/errors';
import { Redactor } from '../../src/core/redact';

const SEED = 20261122;
const runs = { seed: SEED, numRuns: 400 };
const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split(''));
const vurboKey = fc.array(alnum, { minLength: 32, maxLength: 32 }).map((cs) => `vas_${cs.join('')}`);
const separator = fc.constantFrom(' ', '\n', '"', "'", '=', ':', ',', '(', '/', '?', '&');

describe('fuzz: error parser', () => {
  it('turns any body and status into an ApiError with a message', () => {
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.json({ maxDepth: 4 }),
      fc.anything({ maxDepth: 3 }).map((v) => {
        try {
          return JSON.stringify(v) ?? '';
        } catch {
          return '';
        }
      }),
      fc
        .record({
          type: fc.constant('error'),
          data: fc.dictionary(fc.constantFrom('error_code', 'severity', 'message', 'sid', 'details'), fc.anything({ maxDepth: 2 })),
        })
        .map((v) => JSON.stringify(v)),
      fc.record({ errors: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }) }).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(fc.constantFrom('valossa' as const, 'vurbo' as const), fc.integer({ min: 100, max: 599 }), body, (provider, status, text) => {
        const e = parseErrorBody(provider, status, text);
        assert.ok(e instanceof ApiError);
        assert.ok(e.message.length > 0);
        assert.ok(['fatal', 'error', 'warning'].includes(e.severity));
      }),
      runs,
    );
  });

  it('reads any object without throwing', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (v) => {
        const e = vurboErrorFromObject(v);
        assert.ok(e === undefined || e instanceof ApiError);
      }),
      runs,
    );
  });
});

describe('fuzz: redactor', () => {
  it('never lets a Vurbo key through, wherever it sits', () => {
    const r = new Redactor();
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), separator, vurboKey, separator, fc.string({ maxLength: 80 }), (before, s1, key, s2, after) => {
        const out = r.redact(`${before}${s1}${key}${s2}${after}`);
        assert.ok(!out.includes(key));
      }),
      runs,
    );
  });

  it('never lets a registered secret through and is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }).filter((s) => s.trim().length >= 8),
        fc.string({ maxLength: 100 }),
        fc.string({ maxLength: 100 }),
        (secret, a, b) => {
          const r = new Redactor();
          r.addSecret(secret);
          const once = r.redact(`${a}${secret}${b}`);
          assert.ok(!once.includes(secret), 'secret leaked');
          assert.equal(r.redact(once).includes(secret), false);
        },
      ),
      runs,
    );
  });

  it('masks api_key query values in any URL', () => {
    fc.assert(
      fc.property(
        fc.webUrl(),
        fc.string({ minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)),
        (url, value) => {
          const u = `${url.split('#')[0]}${url.includes('?') ? '&' : '?'}api_key=${value}`;
          assert.ok(new Redactor().redact(u).includes('api_key=****'));
        },
      ),
      runs,
    );
  });
});
