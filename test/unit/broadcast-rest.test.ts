import assert from 'node:assert/strict';
import { ApiError } from '../../src/core/errors';
import { HttpClient } from '../../src/core/http/client';
import { redact } from '../../src/core/redact';
import { getViewerInfo, parseShareInput, verifyViewerPassword, viewerStreamUrl } from '../../src/core/vurbo/broadcasts';
import { BroadcastsApi } from '../../src/core/vurbo/broadcastsApi';
import { BATCH_REVOKE_FIELDS } from '../../src/core/vurbo/inferred';
import { VurboClient } from '../../src/core/vurbo/client';
import type { ApiEndpoint } from '../../src/core/endpoint';
import { generateVurboKey } from '../../src/emulator/keys';
import { SEEDED_BROADCASTS } from '../../src/emulator/vurbo/broadcastRecords';
import { startLiveFixture, type LiveFixture } from './live-fixture';

const hostApi = (fx: { endpoint: ApiEndpoint }) => new BroadcastsApi(new VurboClient(fx.endpoint));

describe('broadcasts over REST: host list/create/get/patch/revoke, viewer info and password (emulator on 127.0.0.1)', () => {
  let fx: LiveFixture;
  const anonymous = new HttpClient({ provider: 'vurbo', retry: { maxRetries: 0 } });
  beforeEach(async () => {
    fx = await startLiveFixture();
  });
  afterEach(() => fx.close());

  const code = (c: string) => (e: unknown) => e instanceof ApiError && e.code === c;

  it('lists the seeded live broadcasts, newest first, with the documented paging meta', async () => {
    const page = await hostApi(fx).list();
    assert.deepEqual(page.items.map((b) => b.token).sort(), [SEEDED_BROADCASTS.password.token, SEEDED_BROADCASTS.public.token].sort());
    assert.equal(page.total, 2);
    assert.equal(page.perPage, 20);
    assert.equal(page.lastPage, 1);
    const pw = page.items.find((b) => b.token === SEEDED_BROADCASTS.password.token)!;
    assert.equal(pw.accessType, 'password');
    assert.equal(pw.isLive, true);
    assert.equal(pw.status, 'active');
    assert.match(pw.shareUrl, new RegExp(`^${fx.server.origin}/broadcast/${pw.token}$`));
  });

  it('pages through many broadcasts and never lists revoked ones', async () => {
    for (let i = 0; i < 5; i++) await hostApi(fx).create({ name: `B${i}`, transcriptionLanguage: 'en-US' });
    const first = await hostApi(fx).list({ perPage: 3 });
    const second = await hostApi(fx).list({ perPage: 3, page: 2 });
    const third = await hostApi(fx).list({ perPage: 3, page: 3 });
    assert.equal(first.total, 7);
    assert.equal(first.lastPage, 3);
    assert.deepEqual([first.items.length, second.items.length, third.items.length], [3, 3, 1]);
    const ids = new Set([...first.items, ...second.items, ...third.items].map((b) => b.id));
    assert.equal(ids.size, 7, 'no broadcast on two pages');
    await hostApi(fx).revoke(first.items[0].id);
    assert.equal((await hostApi(fx).list()).total, 6);
    await assert.rejects(hostApi(fx).list({ perPage: 500 }), code('validation_failed'));
  });

  it('creates a broadcast with a 4-character token and share URL, reads, patches and revokes it', async () => {
    const b = await hostApi(fx).create({ name: 'Town hall', transcriptionLanguage: 'en-US', translationLanguages: ['ja-JP'], maxViewers: 5 });
    assert.match(b.token, /^[a-z0-9]{4}$/);
    assert.equal(b.shareUrl, `${fx.server.origin}/broadcast/${b.token}`);
    assert.equal(b.status, 'pending');
    assert.equal(b.isLive, false);
    assert.equal(b.maxViewers, 5);
    assert.deepEqual((await hostApi(fx).get(b.id)).translationLanguages, ['ja-JP']);

    const patched = await hostApi(fx).update(b.id, { name: 'Town hall (Q3)', accessType: 'password', passCode: 'open-sesame' });
    assert.equal(patched.name, 'Town hall (Q3)');
    assert.equal(patched.accessType, 'password');
    assert.equal((await getViewerInfo(anonymous, fx.server.origin, b.token)).requiresPassword, true);

    await hostApi(fx).revoke(b.id);
    assert.equal((await hostApi(fx).get(b.id)).status, 'revoked');
    await assert.rejects(getViewerInfo(anonymous, fx.server.origin, b.token), (e: ApiError) => e.code === 'broadcast_not_found' && /revoked/.test(e.message));
    await assert.rejects(hostApi(fx).update(b.id, { name: 'x' }), code('invalid_state'));
  });

  it('revokes several broadcasts in one batch call', async () => {
    const a = await hostApi(fx).create({ transcriptionLanguage: 'en-US' });
    const b = await hostApi(fx).create({ transcriptionLanguage: 'en-US' });
    assert.equal(await hostApi(fx).revokeMany([a.id, b.id, 'not-a-broadcast']), 2);
    assert.equal((await hostApi(fx).list()).total, 2);
  });

  for (const field of BATCH_REVOKE_FIELDS) {
    it(`batch-revokes on a server that takes its ids only as {${field}}, and says why an empty list is refused`, async () => {
      const strict = await startLiveFixture({ batchRevokeField: field, seed: false });
      try {
        const a = await hostApi(strict).create({ transcriptionLanguage: 'en-US' });
        const b = await hostApi(strict).create({ transcriptionLanguage: 'en-US' });
        // The knob is strict: the other field name is refused, and nothing is revoked by it.
        const other = BATCH_REVOKE_FIELDS.find((f) => f !== field)!;
        const refused = await fetch(`${strict.server.origin}/api/v1/broadcasts/batch`, {
          method: 'DELETE',
          headers: { 'x-api-key': strict.key, 'content-type': 'application/json' },
          body: JSON.stringify({ [other]: [a.id] }),
        });
        assert.equal(refused.status, 400);
        assert.notEqual((await hostApi(strict).get(a.id)).status, 'revoked');
        assert.equal(await hostApi(strict).revokeMany([a.id, b.id]), 2);
        assert.equal((await hostApi(strict).get(a.id)).status, 'revoked');
        assert.equal((await hostApi(strict).get(b.id)).status, 'revoked');
        await assert.rejects(
          hostApi(strict).revokeMany([]),
          (e: ApiError) => e.code === 'validation_failed' && e.message.includes('must be a list of 1–100 broadcast ids'),
        );
      } finally {
        await strict.close();
      }
    });
  }

  it('validates what it creates, and keeps broadcasts per key', async () => {
    await assert.rejects(
      hostApi(fx).create({ transcriptionLanguage: '' }),
      (e: ApiError) => e.code === 'validation_failed' && /transcription_language/.test(e.message),
    );
    await assert.rejects(
      hostApi(fx).create({ transcriptionLanguage: 'en-US', accessType: 'password' }),
      (e: ApiError) => e.code === 'validation_failed' && /password/.test(e.message),
    );
    const other = { ...fx.endpoint, key: generateVurboKey() };
    await assert.rejects(hostApi({ endpoint: other }).list(), code('auth_invalid_api_key'));
    const b = await hostApi(fx).create({ transcriptionLanguage: 'en-US' });
    fx.server.accessLog.length = 0;
    const api = hostApi(fx);
    await api.get(b.id);
    assert.equal(api.client.lastRequest?.url, `${fx.endpoint.baseUrl}/api/v1/broadcasts/${b.id}`, 'recorded for Copy as cURL');
    assert.equal(fx.server.accessLog[0].headers['x-api-key'], fx.key, 'the key goes in the header');
    assert.ok(!fx.server.accessLog[0].url.includes(fx.key));
  });

  it('viewer info needs no key and says when a password is required; unknown and malformed tokens are clear errors', async () => {
    const info = await getViewerInfo(anonymous, fx.server.origin, SEEDED_BROADCASTS.password.token);
    assert.equal(info.requiresPassword, true);
    assert.equal(info.isLive, true);
    assert.deepEqual(info.translationLanguages, ['ja-JP', 'zh-TW']);
    const viewerCall = fx.server.accessLog.find((e) => e.url.startsWith('/api/v1/viewer/'))!;
    assert.equal(viewerCall.headers['x-api-key'], undefined);
    assert.equal((await getViewerInfo(anonymous, fx.server.origin, SEEDED_BROADCASTS.public.token)).requiresPassword, false);
    await assert.rejects(
      getViewerInfo(anonymous, fx.server.origin, 'zzzz'),
      (e: ApiError) => e.code === 'broadcast_not_found' && /Check the share link/.test(e.message),
    );
    await assert.rejects(getViewerInfo(anonymous, fx.server.origin, 'TOO-LONG'), code('validation_failed'));
  });

  it('the right password gets a viewer_access_token (redacted wherever shown); a wrong one is refused', async () => {
    const { token, password } = SEEDED_BROADCASTS.password;
    await assert.rejects(
      verifyViewerPassword(anonymous, fx.server.origin, token, 'guess'),
      (e: ApiError) => e.code === 'broadcast_password_invalid' && /password is wrong/.test(e.message),
    );
    const access = await verifyViewerPassword(anonymous, fx.server.origin, token, password);
    assert.match(access.token, /^[A-Za-z0-9]{32}$/);
    const url = viewerStreamUrl(fx.server.origin, token, { lang: 'ja-JP', accessToken: access.token });
    assert.equal(redact(url), `${fx.server.origin}/broadcast/${token}/text?lang=ja-JP&viewer_access_token=****`);
    assert.equal(redact(`token ${access.token}`), 'token ****');
  });

  it('reads share links and bare tokens', () => {
    assert.deepEqual(parseShareInput('a3f9'), { token: 'a3f9' });
    assert.deepEqual(parseShareInput('  A3F9 '), { token: 'a3f9' });
    assert.deepEqual(parseShareInput('https://vas-poc.vurbo.ai/broadcast/a3f9'), { token: 'a3f9', origin: 'https://vas-poc.vurbo.ai' });
    assert.deepEqual(parseShareInput('http://127.0.0.1:3000/broadcast/x1y2/text?lang=en-US'), { token: 'x1y2', origin: 'http://127.0.0.1:3000' });
    assert.match(parseShareInput('http://example.com/broadcast/a3f9') as string, /Plain http:\/\/ is refused/);
    assert.match(parseShareInput('https://vas-poc.vurbo.ai/tasks/1') as string, /\/broadcast\/<token>/);
    assert.match(parseShareInput('https://vas-poc.vurbo.ai/broadcast/abcde') as string, /not a share token/);
    assert.match(parseShareInput('hello') as string, /4-character token/);
  });
});
