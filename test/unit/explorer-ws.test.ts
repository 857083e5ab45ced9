// The WebSocket console's snippets are every client action of vurbo-vas.md §6.2, each a message the
// console's own check accepts; the check refuses what is not one JSON envelope.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseOutgoing, wsSnippets } from '../../src/core/explorer/wsSnippets';

describe('WebSocket console snippets and the send check', () => {
  it('has a snippet for every action the contract lists, in its order, each accepted by the check', () => {
    const contract = fs.readFileSync(path.resolve(__dirname, '../../../shared/api/vurbo-vas.md'), 'utf8');
    const table = contract.slice(contract.indexOf('### 6.2'), contract.indexOf('**`start` parameters'));
    const documented = [...table.matchAll(/^\| `([a-z_]+)`(?: \/ `([a-z_]+)`)? \|/gm)].flatMap((m) => [m[1], m[2]].filter(Boolean));
    assert.equal(documented.length, 23);
    assert.deepEqual(
      wsSnippets()
        .map((s) => s.action)
        .filter((a) => a !== 'health'),
      documented,
    );
    for (const s of wsSnippets()) {
      const checked = parseOutgoing(JSON.stringify(s.message, null, 2));
      assert.ok(checked.ok, s.action);
      if (s.action !== 'health') assert.equal(s.message.data.action, s.action);
    }
    assert.equal(wsSnippets().find((s) => s.action === 'start')!.status, 'documented');
  });

  it('refuses invalid JSON, a non-object and an envelope without a type', () => {
    assert.deepEqual(parseOutgoing('[1]'), { ok: false, code: 'not_an_object' });
    assert.deepEqual(parseOutgoing('{"data":{}}'), { ok: false, code: 'no_type' });
    const bad = parseOutgoing('{"type": ');
    assert.ok(!bad.ok && bad.code === 'invalid_json' && bad.detail.length > 0);
    assert.deepEqual(parseOutgoing(' {"type":"health","data":{}} '), { ok: true, text: '{"type":"health","data":{}}' });
  });
});
