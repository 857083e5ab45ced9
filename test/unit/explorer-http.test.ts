// The `.http` parser and the checks a request passes before it is sent.
import assert from 'node:assert/strict';
import { parseHttpFile } from '../../src/core/explorer/httpFile';
import { prepareRequest, type RequestProblem } from '../../src/core/explorer/prepare';
import { withKey } from '../../src/core/explorer/send';

const bases = { valossa: 'http://127.0.0.1:5555/core/1.0', vurbo: 'http://127.0.0.1:5555' };
const prepare = (text: string, index = 0) => {
  const file = parseHttpFile(text);
  return prepareRequest(file, file.requests[index], bases);
};
const codes = (problems: readonly RequestProblem[]) => problems.map((p) => p.code);

describe('.http files', () => {
  it('parses variables, names, request lines, query continuations, headers and bodies with their lines', () => {
    const file = parseHttpFile(
      [
        '@host = http://127.0.0.1:5555',
        '',
        '# @name list',
        'GET {{host}}/api/v1/tasks',
        '  ?status=all',
        'X-API-Key: {{vurboKey}}',
        '',
        '###',
        '',
        'PUT {{host}}/api/v1/tasks/t1/pin HTTP/1.1',
        'X-API-Key: {{vurboKey}}',
        'Content-Type: application/json',
        '',
        '{"is_pinned": true}',
        '',
        '',
        '###',
        'https://example.com/x',
      ].join('\n'),
    );
    assert.deepEqual(file.variables, { host: 'http://127.0.0.1:5555' });
    assert.equal(file.requests.length, 3);
    assert.deepEqual(file.requests[0], {
      line: 3,
      name: 'list',
      method: 'GET',
      url: '{{host}}/api/v1/tasks?status=all',
      headers: [['X-API-Key', '{{vurboKey}}']],
      body: undefined,
    });
    assert.equal(file.requests[1].line, 9);
    assert.equal(file.requests[1].body, '{"is_pinned": true}');
    assert.equal(file.requests[2].method, 'GET');
  });

  it('takes the key reference out and says where the key goes', () => {
    const p = prepare('GET http://127.0.0.1:5555/api/v1/tasks?status=all\nX-API-Key: {{vurboKey}}');
    assert.deepEqual(p.problems, []);
    assert.equal(p.provider, 'vurbo');
    assert.equal(p.endpoint?.id, 'vurbo:GET /api/v1/tasks');
    assert.equal(p.request.auth, 'x-api-key');
    assert.deepEqual(p.request.headers, {});
    assert.equal(withKey(p.request, 'K').headers['X-API-Key'], 'K');
    const v = prepare('GET http://127.0.0.1:5555/core/1.0/job_status?api_key={{valossaKey}}&job_id=j1');
    assert.deepEqual(v.problems, []);
    assert.equal(v.request.auth, 'query');
    assert.ok(!v.request.url.includes('api_key'));
    assert.match(withKey(v.request, 'K').url, /api_key=K/);
    const body = prepare('POST http://127.0.0.1:5555/core/1.0/delete_job\nContent-Type: application/json\n\n{"api_key": "{{valossaKey}}", "job_id": "j1"}');
    assert.deepEqual(body.problems, []);
    assert.deepEqual(body.request.json, { job_id: 'j1' });
    assert.equal(JSON.parse(withKey(body.request, 'K').body!).api_key, 'K');
  });

  it('refuses an unknown endpoint, a wrong method, a missing parameter, invalid JSON and a literal key', () => {
    assert.deepEqual(codes(prepare('GET http://127.0.0.1:5555/api/v1/nothing\nX-API-Key: {{vurboKey}}').problems), ['unknown_endpoint']);
    const wrong = prepare('POST http://127.0.0.1:5555/api/v1/tasks\nX-API-Key: {{vurboKey}}').problems[0];
    assert.deepEqual(wrong, { code: 'unknown_endpoint', method: 'POST', path: '/api/v1/tasks', allowed: ['GET'] });
    assert.deepEqual(prepare('GET http://127.0.0.1:5555/api/v1/tts/voices\nX-API-Key: {{vurboKey}}').problems, [
      { code: 'missing_parameter', name: 'language', location: 'query' },
    ]);
    assert.deepEqual(prepare('PUT http://127.0.0.1:5555/api/v1/tasks/t1/pin\nX-API-Key: {{vurboKey}}\n\n{}').problems, [
      { code: 'missing_parameter', name: 'is_pinned', location: 'body' },
    ]);
    assert.deepEqual(
      codes(prepare('PUT http://127.0.0.1:5555/api/v1/tasks/t1/pin\nX-API-Key: {{vurboKey}}\nContent-Type: application/json\n\n{"is_pinned": tru}').problems),
      ['invalid_json', 'missing_parameter'],
    );
    assert.deepEqual(codes(prepare(`GET http://127.0.0.1:5555/api/v1/tasks\nX-API-Key: vas_${'a'.repeat(32)}`).problems), ['literal_key']);
    assert.deepEqual(codes(prepare('GET http://127.0.0.1:5555/api/v1/tasks').problems), ['missing_key']);
    assert.deepEqual(codes(prepare('GET {{nowhere}}/api/v1/tasks\nX-API-Key: {{vurboKey}}').problems), ['unresolved_variable', 'invalid_url']);
    assert.deepEqual(codes(prepare('GET http://127.0.0.1:5555/api/v1/tasks?api_key={{vurboKey}}').problems), ['key_misplaced']);
  });

  it('never lets a file choose the key: a defined key variable is ignored and stays a reference', () => {
    const p = prepare(`@vurboKey = vas_${'b'.repeat(32)}\nGET http://127.0.0.1:5555/api/v1/tasks\nX-API-Key: {{vurboKey}}`);
    assert.deepEqual(p.problems, []);
    assert.ok(!JSON.stringify(p.request).includes('b'.repeat(32)));
  });
});
