// Live sessions over the Vurbo WebSocket: the session and what its callers and tests use of its parts.
export { LiveSession } from './session';
export { fetchTicket, type TicketGrant } from './ticket';
export { liveSocketUrl, LiveSocket, openLiveSocket, type LiveSocketHandlers, type OpenSocketOptions } from './socket';
export type { LiveNoteCode, LiveOutcome, LiveSessionEvent, LiveSessionOptions, LiveState, ReconnectPolicy } from './types';
