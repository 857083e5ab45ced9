import assert from 'node:assert/strict';
import { Redactor } from '../../src/core/redact';
import { generateVurboKey, generateValossaKey } from '../../src/emulator/keys';

describe('redactor', () => {
  it('masks Vurbo keys on token boundaries only', () => {
    const r = new Redactor();
    const key = generateVurboKey();
    assert.equal(r.redact(`key=${key}.`), 'key=vas_****.');
    const lookalike = `canvas_${key.slice(4)}`;
    assert.equal(r.redact(lookalike), lookalike);
  });

  it('masks secret query values in URLs but keeps the rest', () => {
    const r = new Redactor();
    const valossa = generateValossaKey();
    const url = `https://api-eu.valossa.com/core/1.0/job_status?api_key=${valossa}&job_id=abc`;
    assert.equal(r.redact(url), 'https://api-eu.valossa.com/core/1.0/job_status?api_key=****&job_id=abc');
    assert.equal(r.redact('/broadcast/a3f9/text?lang=en&viewer_access_token=tok123'), '/broadcast/a3f9/text?lang=en&viewer_access_token=****');
  });

  it('masks headers, JSON fields and ticket subprotocols', () => {
    const r = new Redactor();
    assert.equal(r.redact('curl -H "X-API-Key: abcdefgh12345"'), 'curl -H "X-API-Key: ****"');
    assert.equal(r.redact('Authorization: Bearer abc.def'), 'Authorization: Bearer ****');
    assert.equal(r.redact('{"api_key": "secret-value", "x": 1}'), '{"api_key": "****", "x": 1}');
    assert.equal(r.redact('Sec-WebSocket-Protocol: ticket.aBcDeFgHiJkLmNoPqRsTuVwXyZ012345'), 'Sec-WebSocket-Protocol: ticket.****');
  });

  it('masks any exact secret it was told about, wherever it appears', () => {
    const r = new Redactor();
    const secret = generateValossaKey();
    r.addSecret(secret);
    assert.equal(r.redact(`error near ${secret}!`), 'error near ****!');
    r.removeSecret(secret);
    assert.equal(r.redact(secret), secret);
  });

  it('masks every occurrence of every secret, secrets inside or overlapping others whole, and regex characters literally', () => {
    const r = new Redactor();
    const [outer, inner] = ['abc(def)+ghi$', 'def)+g'];
    r.addSecret(inner);
    r.addSecret(outer);
    r.addSecret('sho'); // too short to be a secret: left alone
    assert.equal(r.redact(`${outer} and ${inner}, ${outer}; show`), '**** and ****, ****; show');
    const [left, right] = ['xxxxABCD', 'ABCDyyyyy']; // sharing a part: neither may leave its end in view
    r.addSecret(left);
    r.addSecret(right);
    assert.equal(r.redact(`<xxxxABCDyyyyy> ${right}${left}`), '<****> ********');
  });
});
