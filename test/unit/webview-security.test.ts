// The host side of every webview page (shared/webviewSecurity.ts): nonces, HTML escaping, and JSON
// that cannot end the <script> element it is written into.
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { escapeHtml, escapeHtmlAll, scriptJson, webviewNonce } from '../../src/features/shared/webviewSecurity';

describe('features/shared webview security', () => {
  it('mints a fresh 144-bit nonce each time, in characters a CSP source accepts', () => {
    const nonces = new Set(Array.from({ length: 200 }, () => webviewNonce()));
    assert.equal(nonces.size, 200);
    for (const n of nonces) {
      assert.match(n, /^[A-Za-z0-9+/]+={0,2}$/);
      assert.equal(Buffer.from(n, 'base64').length, 18);
    }
  });

  it('escapes what could end an attribute or open an element, and every value of a label record', () => {
    assert.equal(escapeHtml(`a "b" <c> & d`), 'a &#34;b&#34; &#60;c&#62; &#38; d');
    assert.deepEqual(escapeHtmlAll({ send: 'Envoyer "ça"', stop: '<Stop>' }), { send: 'Envoyer &#34;ça&#34;', stop: '&#60;Stop&#62;' });
  });

  it('writes JSON that stays inside its <script> element and reads back as the same value', () => {
    const value = { text: '</script><script>alert(1)</script>', line: 'a\u2028b\u2029c', n: 1 };
    const json = scriptJson(value);
    assert.ok(!json.includes('</script'), json);
    assert.ok(!/[\u2028\u2029]/.test(json));
    // Read as the page reads it: a JavaScript expression (copied out of the other realm to compare).
    assert.deepEqual(JSON.parse(JSON.stringify(vm.runInNewContext(`(${json})`))), value);
  });
});
