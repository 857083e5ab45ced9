import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { ApiError } from '../../src/core/errors';
import { HttpClient } from '../../src/core/http/client';
import { redact } from '../../src/core/redact';
import { fetchTicket, LiveSession, liveSocketUrl, openLiveSocket } from '../../src/core/vurbo/live';
import { generateVurboKey } from '../../src/emulator/keys';
import { startLiveFixture, toneSource, until, type LiveFixture } from './live-fixture';

describe('live tickets: one use, 60 s, four error codes (emulator on 127.0.0.1)', () => {
  let fx: LiveFixture;
  beforeEach(async () => {
    fx = await startLiveFixture({ ticketTtlMs: 300 });
  });
  afterEach(() => fx.close());

  const rejects = (p: Promise<unknown>, code: string, status: number, message: RegExp) =>
    assert.rejects(p, (e: unknown) => {
      assert.ok(e instanceof ApiError, String(e));
      assert.equal(e.code, code);
      assert.equal(e.status, status);
      assert.match(e.message, message);
      return true;
    });

  it('POST /api/v1/auth/ticket answers a 32-character ticket, top level, and registers it with the redactor', async () => {
    const grant = await fetchTicket(fx.endpoint);
    assert.match(grant.ticket, /^[A-Za-z0-9]{32}$/);
    assert.equal(grant.expiresInSeconds, 1, 'this fixture shortened the TTL to 300 ms (60 s by default)');
    assert.equal(redact(`got ${grant.ticket}`), 'got ****');
    const raw = await fx.endpoint.http.json<Record<string, unknown>>({
      method: 'POST',
      url: `${fx.server.origin}/api/v1/auth/ticket`,
      headers: { 'x-api-key': fx.key },
    });
    assert.deepEqual(Object.keys(raw.body).sort(), ['expires_in', 'ticket']);
  });

  it('the ticket request needs a valid key: missing, malformed and unknown keys get the documented auth codes', async () => {
    const http = new HttpClient({ provider: 'vurbo', retry: { maxRetries: 0 } });
    const base = { baseUrl: fx.server.origin, http };
    await rejects(fetchTicket({ ...base, key: '' }), 'auth_missing_api_key', 401, /No Vurbo API key was sent/);
    await rejects(fetchTicket({ ...base, key: 'vas_short' }), 'auth_invalid_key_format', 401, /malformed/);
    await rejects(fetchTicket({ ...base, key: generateVurboKey() }), 'auth_invalid_api_key', 401, /was rejected/);
  });

  it('a 200 carrying the error envelope is that error, not a missing ticket', async () => {
    fx.server.addFault({
      path: '/api/v1/auth/ticket',
      status: 200,
      body: JSON.stringify({ type: 'error', data: { error_code: 'ticket_validation_failed', severity: 'error', message: 'validation service down' } }),
      contentType: 'application/json',
    });
    await rejects(fetchTicket(fx.endpoint), 'ticket_validation_failed', 200, /./);
  });

  it('a ticket opens one socket; using it again is ticket_already_used (HTTP 401 on the upgrade)', async () => {
    const { ticket } = await fetchTicket(fx.endpoint);
    const ws = await openLiveSocket(fx.server.origin, ticket);
    assert.equal(ws.protocol, `ticket.${ticket}`, 'the server echoed the ticket subprotocol');
    ws.close();
    await rejects(openLiveSocket(fx.server.origin, ticket), 'ticket_already_used', 401, /already used \(tickets are single-use\)/);
  });

  it('an unknown ticket is ticket_invalid and an old one ticket_expired', async () => {
    await rejects(openLiveSocket(fx.server.origin, 'x'.repeat(32)), 'ticket_invalid', 401, /invalid or expired/);
    const { ticket } = await fetchTicket(fx.endpoint);
    await new Promise((r) => setTimeout(r, 400));
    await rejects(openLiveSocket(fx.server.origin, ticket), 'ticket_expired', 401, /expired \(tickets last 60 s\)/);
  });

  it('a validation-service failure is ticket_validation_failed (HTTP 500)', async () => {
    fx.live.failTicketValidation();
    const { ticket } = await fetchTicket(fx.endpoint);
    await rejects(openLiveSocket(fx.server.origin, ticket), 'ticket_validation_failed', 500, /could not validate/);
  });

  it('without any ticket the upgrade is refused, and the key alone opens nothing', async () => {
    const attempt = (headers: Record<string, string>, protocols?: string[]) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(liveSocketUrl(fx.server.origin), protocols, { headers });
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => {
          resolve(101);
          ws.close();
        });
        ws.on('error', () => undefined);
      });
    assert.equal(await attempt({}), 401);
    assert.equal(await attempt({ 'x-api-key': fx.key }), 401);
  });

  it('every session connection fetches a fresh ticket, including a retry after a refused one', async () => {
    fx.live.failTicketValidation();
    const s = new LiveSession({
      endpoint: fx.endpoint,
      params: { type: 'record', transcriptionLanguages: ['en-US'] },
      audio: await toneSource(0.5),
      speed: 4,
      reconnect: { baseDelayMs: 10, maxDelayMs: 20 },
    });
    const notes: string[] = [];
    s.onEvent((e) => e.type === 'note' && notes.push(e.text));
    await s.start();
    assert.equal((await s.done).state, 'completed');
    assert.equal(fx.live.ticketsIssued.length, 2);
    assert.notEqual(fx.live.ticketsIssued[0], fx.live.ticketsIssued[1]);
    assert.ok(
      notes.some((n) => /^Could not connect \(Vurbo could not validate the live-session ticket/.test(n)),
      notes.join('\n'),
    );
  });

  it('gives up after a bounded number of refused tickets with the catalogue message', async () => {
    fx.live.failTicketValidation(10);
    const s = new LiveSession({
      endpoint: fx.endpoint,
      params: { type: 'record', transcriptionLanguages: ['en-US'] },
      audio: await toneSource(0.5),
      reconnect: { baseDelayMs: 10, maxDelayMs: 20 },
    });
    await rejects(s.start(), 'ticket_validation_failed', 500, /Try again in a moment/);
    const outcome = await s.done;
    assert.equal(outcome.state, 'failed');
    assert.equal(fx.live.ticketsIssued.length, 3, 'the first try and two retries, each with a new ticket');
  });

  it('a fatal auth error on the ticket request is not retried', async () => {
    const s = new LiveSession({
      endpoint: { ...fx.endpoint, key: generateVurboKey() },
      params: { type: 'record', transcriptionLanguages: ['en-US'] },
      audio: await toneSource(0.5),
    });
    await rejects(s.start(), 'auth_invalid_api_key', 401, /was rejected/);
    assert.equal(fx.server.accessLog.filter((e) => e.url === '/api/v1/auth/ticket').length, 1);
  });

  it('the emulator itself refuses multi_speaker with two languages (diarization_multilang_conflict) and more than two languages', async () => {
    const refusal = async (data: Record<string, unknown>) => {
      const ws = await openLiveSocket(fx.server.origin, (await fetchTicket(fx.endpoint)).ticket);
      const frames: string[] = [];
      const closed = new Promise<number>((resolve) => ws.attach({ message: (t) => frames.push(t), close: (c) => resolve(c), error: () => undefined }));
      ws.send(JSON.stringify({ type: 'voice-translation', data: { action: 'start', type: 'transcribe', audio_format: 'pcm', ...data } }));
      const code = await closed;
      return { code, error: JSON.parse(frames[0]).data };
    };
    const conflict = await refusal({ transcription_languages: ['en-US', 'ja-JP'], recognition_mode: 'multi_speaker' });
    assert.equal(conflict.error.error_code, 'diarization_multilang_conflict');
    assert.equal(conflict.error.severity, 'fatal');
    assert.equal(conflict.code, 1008);
    const three = await refusal({ transcription_languages: ['en-US', 'ja-JP', 'de-DE'] });
    assert.equal(three.error.error_code, 'validation_failed');
    assert.equal(fx.sink.tasks.size, 0, 'no task for a refused session');
  });

  describe('when the server refuses tickets with an error frame and a close instead', () => {
    beforeEach(() => (fx.live.settings.ticketRejection = 'frame'));

    it('the session maps the frame to the ticket code and retries with a fresh ticket', async () => {
      const { ticket } = await fetchTicket(fx.endpoint);
      (await openLiveSocket(fx.server.origin, ticket)).close();
      // The upgrade itself succeeds; what follows is one error frame and close 1008.
      const ws = await openLiveSocket(fx.server.origin, ticket);
      const seen: string[] = [];
      const code = await new Promise<number>((resolve) => ws.attach({ message: (t) => seen.push(t), close: (c) => resolve(c), error: () => undefined }));
      assert.equal(seen.length, 1);
      assert.equal(JSON.parse(seen[0]).data.error_code, 'ticket_already_used');
      assert.equal(code, 1008);

      fx.live.failTicketValidation();
      const s = new LiveSession({
        endpoint: fx.endpoint,
        params: { type: 'record', transcriptionLanguages: ['en-US'] },
        audio: await toneSource(0.5),
        speed: 4,
        reconnect: { baseDelayMs: 10, maxDelayMs: 20 },
      });
      await s.start();
      assert.equal((await s.done).state, 'completed');
      assert.equal(fx.live.ticketsIssued.length, 3, 'one above, then two for the session: refused, then fresh');
    });

    it('and gives up with the catalogue message when it keeps happening', async () => {
      fx.live.failTicketValidation(10);
      const s = new LiveSession({
        endpoint: fx.endpoint,
        params: { type: 'record', transcriptionLanguages: ['en-US'] },
        audio: await toneSource(0.5),
        reconnect: { baseDelayMs: 10, maxDelayMs: 20 },
      });
      await assert.rejects(s.start(), (e: ApiError) => e.code === 'ticket_validation_failed' && /could not validate/.test(e.message));
      await until(() => fx.live.openConnections === 0, 2000, 'sockets closed');
    });
  });
});
