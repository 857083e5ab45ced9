// The raw-event tap: SSE events and WebSocket messages become table rows with their data redacted,
// a WebSocket message named by its action, and a stream keeps only its newest events.
import assert from 'node:assert/strict';
import { RawEventRing, rawSseEvent, rawWsMessage } from '../../src/core/explorer/rawEvent';
import { redactor } from '../../src/core/redact';
import { generateVurboKey } from '../../src/emulator/keys';

describe('raw events behind streams', () => {
  it('names a WebSocket message by data.action, else type, and redacts the data', () => {
    const ticket = `tk_${generateVurboKey().slice(4)}`;
    redactor.addSecret(ticket);
    try {
      const e = rawWsMessage(JSON.stringify({ type: 'voice-translation', data: { action: 'session_started', ticket } }));
      assert.equal(e.event, 'session_started');
      assert.ok(!e.data.includes(ticket) && e.data.includes('session_started'));
    } finally {
      redactor.removeSecret(ticket);
    }
    assert.equal(rawWsMessage('{"type":"health","data":{}}').event, 'health');
    assert.equal(rawWsMessage('not json').event, 'message');
  });

  it('keeps an SSE event’s name and id, "message" when it has none, and redacts a key in its data', () => {
    const key = generateVurboKey();
    const e = rawSseEvent(undefined, '7', `{"leak":"${key}"}`);
    assert.deepEqual([e.event, e.id], ['message', '7']);
    assert.ok(!e.data.includes(key), e.data);
  });

  it('redacts however the event is read: its field, a copy, JSON (a webview message)', () => {
    const key = generateVurboKey();
    for (const e of [rawSseEvent('sentence', '1', `{"leak":"${key}"}`), rawWsMessage(`{"type":"x","leak":"${key}"}`)]) {
      for (const seen of [e.data, { ...e }.data, JSON.stringify(e), JSON.stringify([e])]) assert.ok(!seen.includes(key), seen);
    }
  });

  it('keeps the newest events of a long stream and counts the dropped ones', () => {
    const ring = new RawEventRing(3);
    for (let i = 1; i <= 5; i++) ring.push(rawSseEvent('entry', String(i), '{}'));
    assert.deepEqual(
      ring.list().map((e) => e.id),
      ['3', '4', '5'],
    );
    assert.equal(ring.dropped, 2);
  });
});
