import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, errorCatalogue, isNotSetUp, parseErrorBody, transportError } from '../../src/core/errors';

describe('error catalogue', () => {
  it('has an entry for every error code documented in ../shared/api', () => {
    const documented = [
      'auth_missing_api_key',
      'auth_invalid_api_key',
      'auth_invalid_key_format',
      'ticket_invalid',
      'ticket_expired',
      'ticket_already_used',
      'ticket_validation_failed',
      'validation_failed',
      'tts_invalid_language',
      'diarization_multilang_conflict',
      'valossa_invalid_api_key',
      'valossa_job_not_found',
      'valossa_malformed_request',
      'valossa_missing_field',
    ];
    for (const code of documented) assert.ok(errorCatalogue().has(code), code);
    for (const e of errorCatalogue().values()) assert.ok(e.message.length >= 8, e.code);
  });

  it("has every code of the seed pages' error tables, with the documented HTTP status (the seeds win over the contracts)", () => {
    const seeds = path.resolve(__dirname, '../../../shared/seeds');
    // Rows are "code | status | message | action |" (authentication) or "code | message |" (tickets).
    const rows = fs
      .readdirSync(seeds)
      .flatMap((f) => [...fs.readFileSync(path.join(seeds, f), 'utf8').matchAll(/^([a-z]+(?:_[a-z]+)+) \| (?:(\d{3}) \| )?[A-Z]/gm)]);
    assert.ok(rows.length >= 11, `the seed tables were read (${rows.length} rows)`);
    for (const [, code, status] of rows) {
      assert.ok(errorCatalogue().has(code), code);
      if (status) assert.equal(errorCatalogue().get(code)?.httpStatus, Number(status), code);
    }
  });

  it('parses the Vurbo unified envelope', () => {
    const body = JSON.stringify({
      type: 'error',
      data: { error_code: 'auth_invalid_api_key', severity: 'fatal', message: 'Invalid API key', request_id: 'req_1' },
    });
    const e = parseErrorBody('vurbo', 401, body);
    assert.equal(e.code, 'auth_invalid_api_key');
    assert.equal(e.severity, 'fatal');
    assert.equal(e.retryable, false);
    assert.equal(e.action, 'setKey');
    assert.equal(e.requestId, 'req_1');
    assert.equal(e.endsSession, true);
  });

  it('parses the flat Vurbo form the example clients read', () => {
    const e = parseErrorBody('vurbo', 400, JSON.stringify({ error_code: 'validation_failed', message: 'language is required' }));
    assert.equal(e.code, 'validation_failed');
    assert.match(e.message, /language is required/);
  });

  it('treats an error with sid as sentence-level even when fatal', () => {
    const e = parseErrorBody(
      'vurbo',
      200,
      JSON.stringify({ type: 'error', data: { error_code: 'translation_failed', severity: 'fatal', message: 'x', sid: 4 } }),
    );
    assert.equal(e.sid, 4);
    assert.equal(e.endsSession, false);
  });

  it('maps Valossa messages onto codes', () => {
    const v = (status: number, message: string) => parseErrorBody('valossa', status, JSON.stringify({ errors: [{ message }] }));
    assert.equal(v(401, 'Invalid API key').code, 'valossa_invalid_api_key');
    assert.equal(v(404, 'Job not found').code, 'valossa_job_not_found');
    assert.equal(v(400, 'Malformed request body').code, 'valossa_malformed_request');
    const missing = v(400, 'Missing required field: media.video.url');
    assert.equal(missing.code, 'valossa_missing_field');
    assert.match(missing.message, /media\.video\.url/);
    assert.equal(v(400, 'Job is not finished').code, 'valossa_results_not_ready');
    assert.equal(v(500, 'boom').retryable, true);
  });

  it('survives HTML proxy pages, truncated JSON and empty bodies', () => {
    const html = parseErrorBody('vurbo', 502, '<html><head><title>502 Bad Gateway</title></head></html>');
    assert.equal(html.code, 'bad_gateway');
    assert.equal(html.retryable, true);
    assert.match(html.message, /502 Bad Gateway/);
    assert.equal(parseErrorBody('valossa', 500, '{"errors":[{"mess').code, 'valossa_server_error');
    assert.equal(parseErrorBody('vurbo', 429, '', { retryAfterMs: 2000 }).retryAfterMs, 2000);
    assert.equal(parseErrorBody('vurbo', 429, '').code, 'rate_limited');
  });

  it('keeps unknown server codes with the server message', () => {
    const e = parseErrorBody(
      'vurbo',
      400,
      JSON.stringify({ type: 'error', data: { error_code: 'brand_new_code', message: 'Something new', severity: 'warning' } }),
    );
    assert.equal(e.code, 'brand_new_code');
    assert.match(e.message, /Something new/);
    assert.equal(e.severity, 'warning');
  });

  it('classifies transport failures', () => {
    assert.equal(transportError('vurbo', Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).code, 'network_error');
    assert.equal(transportError('vurbo', Object.assign(new Error('x'), { code: 'UND_ERR_BODY_TIMEOUT' })).code, 'stream_stalled');
    assert.ok(transportError('any', new ApiError({ provider: 'any', code: 'timeout' })) instanceof ApiError);
  });
});

describe('errors no server took part in', () => {
  it('use our own account (detail) and never say "Server said"', () => {
    const e = new ApiError({ provider: 'vurbo', code: 'no_key', detail: "No Vurbo.ai VAS key is stored for http://127.0.0.1:9 (this folder's settings)." });
    assert.equal(e.message, "No Vurbo.ai VAS key is stored for http://127.0.0.1:9 (this folder's settings).");
    assert.equal(e.action, 'setKey');
    const host = new ApiError({ provider: 'vurbo', code: 'host_not_confirmed', detail: 'not confirmed' });
    assert.equal(host.action, 'confirmHost');
    assert.equal(host.serverMessage, undefined);
    assert.ok(isNotSetUp(host) && isNotSetUp(e) && !isNotSetUp(new ApiError({ provider: 'vurbo', code: 'auth_invalid_api_key' })));
  });

  it('still quote the server when one answered', () => {
    const e = new ApiError({ provider: 'vurbo', code: 'validation_failed', serverMessage: 'lang must be set' });
    assert.match(e.message, /Server said: "lang must be set"/);
  });
});

describe('the seed\'s authentication errors (003, "Authentication Errors")', () => {
  it('are all in the catalogue with their documented status and recommended action', () => {
    const want: [string, number, string][] = [
      ['auth_missing_api_key', 401, 'setKey'],
      ['auth_invalid_api_key', 401, 'setKey'],
      ['auth_invalid_key_format', 401, 'setKey'],
      ['auth_key_expired', 401, 'setKey'], // "Request a new API Key"
      ['auth_key_disabled', 401, 'contactSupport'], // "Contact technical support"
      ['auth_user_disabled', 403, 'contactSupport'], // another key does not help a disabled user
      ['auth_budget_exceeded', 402, 'checkBudget'], // "Wait for the monthly budget to reset or adjust the budget"
    ];
    for (const [code, status, action] of want) {
      const entry = errorCatalogue().get(code);
      assert.ok(entry, code);
      assert.deepEqual([entry.httpStatus, entry.action, entry.source], [status, action, 'documented'], code);
    }
    assert.equal(errorCatalogue().has('budget_exceeded'), false, 'the inferred name is gone');
  });

  it('a disabled key parsed from a response offers support, not "Set API Key"', () => {
    const e = parseErrorBody(
      'vurbo',
      401,
      JSON.stringify({ success: false, error: { code: 'auth_key_disabled', message: 'API key disabled', severity: 'fatal' } }),
    );
    assert.equal(e.code, 'auth_key_disabled');
    assert.equal(e.action, 'contactSupport');
  });
});
