// Completion and hover in `.http` files come from the catalogue: endpoints after the method (both
// providers, the file's base variable kept), query and body parameter names not yet written, and the
// endpoint or parameter under the pointer — under a base URL with a path of its own too.
import assert from 'node:assert/strict';
import { completionsAt, endpointOfUrl, hoverAt } from '../../src/core/explorer/httpAssist';

const VURBO = '@baseUrl = http://127.0.0.1:9/\n@valossa = http://127.0.0.1:9/core/1.0\n\n###\n';

function at(text: string): { text: string; line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  const character = lines[line].indexOf('|');
  return { text: text.replace('|', ''), line, character };
}

describe('.http completion and hover from the catalogue', () => {
  it('offers the endpoints of the typed method after it, with the file’s base variable', () => {
    const c = at(`${VURBO}GET {{baseUrl}}/api/v1/ta|`);
    const found = completionsAt(c.text, c.line, c.character)!;
    assert.equal(found.from, 4);
    const inserts = found.items.map((i) => i.insert);
    assert.ok(inserts.includes('{{baseUrl}}/api/v1/tasks'));
    assert.ok(inserts.includes('{{baseUrl}}/job_status'), 'both providers');
    assert.ok(found.items.every((i) => i.endpoint.method === 'GET'));
    const put = at(`${VURBO}PUT {{valossa}}|`);
    const puts = completionsAt(put.text, put.line, put.character)!.items.map((i) => i.insert);
    assert.ok(puts.includes('{{valossa}}/api/v1/tasks/{taskId}/pin') && puts.every((i) => i.startsWith('{{valossa}}')));
  });

  it('offers query parameters after ? and &, leaving out those already there', () => {
    const c = at(`${VURBO}GET {{valossa}}/job_results?job_id=x&|`);
    const found = completionsAt(c.text, c.line, c.character)!;
    assert.deepEqual(
      found.items.map((i) => i.insert),
      ['type='],
    );
    assert.equal(found.from, c.character);
    const partial = at(`${VURBO}GET {{baseUrl}}/api/v1/tasks?st|`);
    const p = completionsAt(partial.text, partial.line, partial.character)!;
    assert.deepEqual(
      p.items.map((i) => i.insert),
      ['status='],
    );
    assert.equal(p.from, partial.character - 2);
  });

  it('offers body field names at the start of a body line, not in headers', () => {
    const c = at(`${VURBO}POST {{baseUrl}}/api/v1/imports/check-quota\nX-API-Key: {{vurboKey}}\n\n{\n  "|\n}`);
    const found = completionsAt(c.text, c.line, c.character)!;
    assert.deepEqual(
      found.items.map((i) => i.insert),
      ['"duration_ms": '],
    );
    assert.equal(found.from, 2, 'replaces the typed quote');
    const header = at(`${VURBO}POST {{baseUrl}}/api/v1/imports/check-quota\nX-|`);
    assert.equal(completionsAt(header.text, header.line, header.character), undefined);
    const written = at(`${VURBO}POST {{baseUrl}}/api/v1/imports/check-quota\n\n{\n  "duration_ms": 5,\n  |\n}`);
    assert.deepEqual(completionsAt(written.text, written.line, written.character)!.items, []);
  });

  it('hovers the request line with its endpoint and a parameter name with the parameter', () => {
    const line = at(`${VURBO}GET {{baseUrl}}/api/v1/ta|sks?status=all`);
    const h = hoverAt(line.text, line.line, line.character)!;
    assert.equal(h.endpoint.id, 'vurbo:GET /api/v1/tasks');
    assert.equal(h.param, undefined);
    const q = at(`${VURBO}GET {{baseUrl}}/api/v1/tasks?sta|tus=all`);
    assert.equal(hoverAt(q.text, q.line, q.character)!.param?.name, 'status');
    const body = at(`${VURBO}POST {{baseUrl}}/api/v1/imports/check-quota\n\n{ "durat|ion_ms": 5 }`);
    const b = hoverAt(body.text, body.line, body.character)!;
    assert.equal(b.param?.name, 'duration_ms');
    assert.deepEqual([b.from, b.to], [3, 14]);
    const nothing = at(`${VURBO}POST {{baseUrl}}/api/v1/imports/check-quota\n\n{ "duration_ms": 5|0 }`);
    assert.equal(hoverAt(nothing.text, nothing.line, nothing.character), undefined);
  });

  it('finds the endpoint under a base URL with a path, and nothing for an unknown path', () => {
    assert.equal(endpointOfUrl('GET', 'http://h/core/1.0/job_status?job_id=1', {})?.id, 'valossa:GET /job_status');
    assert.equal(endpointOfUrl('DELETE', '{{b}}/api/v1/tasks/batch', { b: 'http://h' })?.id, 'vurbo:DELETE /api/v1/tasks/batch');
    assert.equal(endpointOfUrl('GET', 'http://h/nothing/here', {}), undefined);
  });
});
