import assert from 'node:assert/strict';
import { checkBaseUrl, isLoopbackHost, joinUrl } from '../../src/core/providers';

describe('base URLs and origins', () => {
  it('accepts https anywhere and http only on loopback', () => {
    const ok = checkBaseUrl('https://api-eu.valossa.com/core/1.0/');
    assert.deepEqual(ok, { ok: true, baseUrl: 'https://api-eu.valossa.com/core/1.0', origin: 'https://api-eu.valossa.com', loopback: false });
    for (const url of ['http://127.0.0.1:8080', 'http://localhost:1/core/1.0', 'http://[::1]:9']) assert.equal(checkBaseUrl(url).ok, true, url);
    for (const url of ['http://vas-poc.vurbo.ai', 'http://10.0.0.5', 'http://127.0.0.1.evil.com', 'ftp://x', 'not a url']) {
      const r = checkBaseUrl(url);
      assert.equal(r.ok, false, url);
    }
  });

  it('binds keys to scheme, host and port', () => {
    const a = checkBaseUrl('https://vas-poc.vurbo.ai');
    const b = checkBaseUrl('https://vas-poc.vurbo.ai:8443');
    assert.ok(a.ok && b.ok && a.origin !== b.origin);
  });

  it('refuses credentials, queries and fragments in a base URL', () => {
    for (const url of ['https://user:pw@vas-poc.vurbo.ai', 'https://vas-poc.vurbo.ai/?api_key=x', 'https://vas-poc.vurbo.ai/#x']) {
      assert.equal(checkBaseUrl(url).ok, false, url);
    }
  });

  it('knows loopback hosts', () => {
    assert.ok(isLoopbackHost('127.4.5.6'));
    assert.ok(!isLoopbackHost('127.0.0.1.nip.io'));
    assert.equal(joinUrl('http://127.0.0.1:1/', 'api/v1/tasks'), 'http://127.0.0.1:1/api/v1/tasks');
  });
});
