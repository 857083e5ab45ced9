// Live sessions over the Vurbo WebSocket: the session and what its callers and tests use of its parts.
export { LiveSession } from './session';
export { fetchTicket } from './ticket';
export { liveSocketUrl, LiveSocket, openLiveSocket } from './socket';
export type { LiveOutcome, LiveSessionEvent, LiveSessionOptions, LiveState } from './types';
