import assert from 'node:assert/strict';
import { ApiError } from '../../src/core/errors';
import { HttpClient } from '../../src/core/http/client';
import type { TranscriptEvent, TranscriptSegment } from '../../src/core/transcript/model';
import { interpretViewerEvent, verifyViewerPassword, watchBroadcastStream } from '../../src/core/vurbo/broadcasts';
import { BroadcastsApi } from '../../src/core/vurbo/broadcastsApi';
import { VurboClient } from '../../src/core/vurbo/client';
import type { ApiEndpoint } from '../../src/core/endpoint';
import { LiveSession } from '../../src/core/vurbo/live';
import { SEEDED_BROADCASTS } from '../../src/emulator/vurbo/broadcastRecords';
import { sentenceFor, translationFor } from '../../src/emulator/vurbo/liveScript';
import { startLiveFixture, toneSource, until, type LiveFixture } from './live-fixture';

const hostApi = (fx: { endpoint: ApiEndpoint }) => new BroadcastsApi(new VurboClient(fx.endpoint));

describe('broadcast viewer: the /broadcast/{token}/text caption stream (emulator on 127.0.0.1)', () => {
  let fx: LiveFixture;
  const http = new HttpClient({ provider: 'vurbo', retry: { maxRetries: 0 } });
  beforeEach(async () => {
    fx = await startLiveFixture();
    fx.broadcasts.settings.captionIntervalMs = 40;
  });
  afterEach(() => fx.close());

  const finals = (events: TranscriptEvent[]): TranscriptSegment[] => events.flatMap((e) => (e.kind === 'segment' && e.segment.final ? [e.segment] : []));
  const statuses = (events: TranscriptEvent[]) => events.flatMap((e) => (e.kind === 'status' ? [e.message] : []));

  it('watches a password-protected live broadcast with the access token from the password check, in one language', async () => {
    const { token, password } = SEEDED_BROADCASTS.password;
    const access = await verifyViewerPassword(http, fx.server.origin, token, password);
    const abort = new AbortController();
    const events: TranscriptEvent[] = [];
    const watching = watchBroadcastStream({
      http,
      baseUrl: fx.server.origin,
      token,
      lang: 'ja-JP',
      accessToken: access.token,
      signal: abort.signal,
      onEvent: (e) => {
        events.push(e);
        if (finals(events).length >= 3) abort.abort();
      },
    });
    const outcome = await watching;
    assert.equal(outcome.reason, 'cancelled');
    assert.match(statuses(events)[0], /^Connected to "Sandbox Live: Password Demo", live\.$/);
    const got = finals(events).slice(0, 3);
    assert.deepEqual(
      got.map((s) => s.sid),
      [1, 2, 3],
    );
    got.forEach((s, i) => {
      assert.equal(s.text, sentenceFor(i, 'en-US'));
      assert.deepEqual(s.translations, { 'ja-JP': translationFor(i, 'ja-JP', s.text) }, 'only the language asked for');
    });
    assert.ok(
      events.some((e) => e.kind === 'segment' && !e.segment.final),
      'partial captions too',
    );
    const req = fx.server.accessLog.find((e) => e.url.startsWith(`/broadcast/${token}/text`))!;
    assert.equal(req.headers['x-api-key'], undefined, 'no key goes to the viewer stream');
    assert.match(req.url, /viewer_access_token=[A-Za-z0-9]{32}/);
    await until(() => fx.broadcasts.viewerCount(token) === 0, 2000, 'the viewer to leave');
  });

  it('refuses a password-protected broadcast without a token, and with a bad one', async () => {
    const { token } = SEEDED_BROADCASTS.password;
    const watch = (accessToken?: string) => watchBroadcastStream({ http, baseUrl: fx.server.origin, token, accessToken, onEvent: () => undefined });
    await assert.rejects(watch(), (e: ApiError) => e.code === 'broadcast_password_required' && /password-protected/.test(e.message));
    await assert.rejects(watch('x'.repeat(32)), (e: ApiError) => e.code === 'viewer_access_token_invalid' && /Enter the password again/.test(e.message));
  });

  it('renews a refused access token once through reauthorize', async () => {
    const { token, password } = SEEDED_BROADCASTS.password;
    let renewals = 0;
    const abort = new AbortController();
    const outcome = await watchBroadcastStream({
      http,
      baseUrl: fx.server.origin,
      token,
      accessToken: 'stale'.padEnd(32, '0'),
      signal: abort.signal,
      reauthorize: async () => {
        renewals++;
        return (await verifyViewerPassword(http, fx.server.origin, token, password)).token;
      },
      onEvent: (e) => e.kind === 'segment' && e.segment.final && abort.abort(),
    });
    assert.equal(outcome.reason, 'cancelled');
    assert.equal(renewals, 1);
  });

  it('follows a host live session: standby, go live, captions with translations, announcements, and the end', async () => {
    const b = await hostApi(fx).create({ name: 'Town hall', transcriptionLanguage: 'en-US', translationLanguages: ['de-DE'] });
    const events: TranscriptEvent[] = [];
    const watching = watchBroadcastStream({ http, baseUrl: fx.server.origin, token: b.token, onEvent: (e) => events.push(e) });
    await until(() => fx.broadcasts.viewerCount(b.token) === 1, 2000, 'the viewer to connect');

    fx.live.settings.finishStepMs = 10;
    const host = new LiveSession({
      endpoint: fx.endpoint,
      params: { type: 'broadcast', broadcastId: b.id, transcriptionLanguages: ['en-US'], translationLanguages: ['de-DE'] },
      audio: await toneSource(8.1),
      speed: 4,
    });
    const viewerCounts: number[] = [];
    host.onEvent((e) => e.type === 'viewers' && viewerCounts.push(e.count));
    await host.start();
    assert.equal((await hostApi(fx).get(b.id)).status, 'active');
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(finals(events).length, 0, 'no captions while in standby');
    host.goLive();
    await until(() => finals(events).length >= 1, 5000, 'a caption after going live');
    host.announce('Questions at the end, please.');
    const outcome = await watching;
    const hostOutcome = await host.done;
    assert.equal(hostOutcome.state, 'completed');
    assert.equal(outcome.reason, 'done', 'the end event finished the stream');

    const texts = statuses(events);
    assert.match(texts[0], /^Connected to "Town hall", in standby/);
    assert.ok(texts.includes('The broadcast is live.'), texts.join('\n'));
    assert.ok(texts.includes('Announcement: Questions at the end, please.'), texts.join('\n'));
    assert.equal(texts.at(-1), 'The broadcast ended.');
    for (const s of finals(events)) assert.equal(s.translations?.['de-DE'], translationFor(s.sid - 1, 'de-DE', s.text));
    assert.ok(viewerCounts.includes(1), `the host heard about its viewer (${viewerCounts.join(',')})`);
    const after = await hostApi(fx).get(b.id);
    assert.equal(after.status, 'ended');
    assert.equal(after.recordingsCount, 1);
    assert.equal(after.peakViewers, 1);
  });

  it("a revoked broadcast ends its viewers' streams and cannot be watched again", async () => {
    const { token } = SEEDED_BROADCASTS.public;
    const events: TranscriptEvent[] = [];
    const watching = watchBroadcastStream({ http, baseUrl: fx.server.origin, token, onEvent: (e) => events.push(e) });
    await until(() => finals(events).length >= 1, 3000, 'a caption');
    const id = (await hostApi(fx).list()).items.find((x) => x.token === token)!.id;
    await hostApi(fx).revoke(id);
    assert.equal((await watching).reason, 'done');
    assert.equal(statuses(events).at(-1), 'The broadcast ended (revoked).');
    await assert.rejects(
      watchBroadcastStream({ http, baseUrl: fx.server.origin, token, onEvent: () => undefined }),
      (e: ApiError) => e.code === 'broadcast_not_found',
    );
  });

  it('reconnects after a dropped stream without repeating a caption', async () => {
    const { token } = SEEDED_BROADCASTS.public;
    fx.server.addFault({ path: `/broadcast/${token}/text`, dropAfterEvents: 4 });
    const events: TranscriptEvent[] = [];
    const abort = new AbortController();
    const outcome = await watchBroadcastStream({
      http,
      baseUrl: fx.server.origin,
      token,
      signal: abort.signal,
      reconnectDelay: { baseDelayMs: 10, maxDelayMs: 20 },
      onEvent: (e) => {
        events.push(e);
        if (finals(events).length >= 4) abort.abort();
      },
    });
    assert.equal(outcome.reason, 'cancelled');
    assert.ok(outcome.reconnects >= 1);
    const sids = finals(events).map((s) => s.sid);
    assert.equal(new Set(sids).size, sids.length, `no caption twice: ${sids.join(',')}`);
  });

  it('reads unknown events raw and keeps going', () => {
    assert.deepEqual(interpretViewerEvent('queue_position', '{"position":3}'), { events: [{ kind: 'raw', event: 'queue_position', data: '{"position":3}' }] });
    assert.deepEqual(interpretViewerEvent('result', 'not json'), { events: [{ kind: 'raw', event: 'result', data: 'not json' }] });
    const caption = interpretViewerEvent(
      'caption',
      JSON.stringify({ sid: 7, text: 'Hi', is_final: true, translations: [{ language: 'fr-FR', text: 'Salut' }] }),
    );
    assert.deepEqual(caption.events[0], {
      kind: 'segment',
      segment: {
        sid: 7,
        text: 'Hi',
        final: true,
        translations: { 'fr-FR': 'Salut' },
        language: undefined,
        speaker: undefined,
        startMs: undefined,
        endMs: undefined,
      },
    });
    const sidError = interpretViewerEvent(
      'error',
      JSON.stringify({ type: 'error', data: { error_code: 'translation_failed', severity: 'error', sid: 7, message: 'x' } }),
    );
    assert.equal(sidError.events[0].kind, 'sentenceError');
  });
});
