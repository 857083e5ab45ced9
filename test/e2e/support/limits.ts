// Every time limit of the e2e suite, in one place. A limit is how long a step waits for a state (a
// widget, a notification, a line in an output channel) before it fails and says what it saw; no step
// sleeps a fixed time in the hope that something has happened. The limits are generous because a
// busy 2-core machine is slow, never because a step needs that long. SPEECH_API_E2E_TIME_SCALE
// stretches all of them (2 = twice as long) for an even slower machine.
const scale = Math.max(1, Number(process.env.SPEECH_API_E2E_TIME_SCALE) || 1);
const scaled = (ms: number) => Math.round(ms * scale);

export const LIMITS = {
  /** What the workbench shows after a key press or click: a widget, menu, quick input, row, hover. */
  ui: scaled(15_000),
  /** One try of an action that is retried when it had no visible effect (a lost click or key press). */
  attempt: scaled(4_000),
  /** What the extension shows after a round trip to the emulator: a notification, a refreshed view. */
  roundTrip: scaled(30_000),
  /** A whole flow to its end: a history stream, a live session, a workspace scan. */
  flow: scaled(60_000),
  /** code-server up, the workbench usable and the extension's view container shown. */
  startup: scaled(90_000),
  /** How often a poll looks again: the period of a check, not a wait for anything to happen. */
  pollInterval: 100,
} as const;

/** Mocha limits: a whole test, or a suite's set-up and tear-down. */
export const TEST_TIMEOUTS = {
  /** An ordinary test (the mocha default for test/e2e, see scripts/test-e2e.js). */
  test: scaled(60_000),
  /** A test that runs a long flow or several, such as a live session or the integration suites. */
  long: scaled(240_000),
  /** Starting emulator, code-server and Chromium for a suite. */
  setUp: scaled(180_000),
  /** Saving a failing test's artifacts. */
  artifacts: scaled(30_000),
  /** Stopping everything after a suite. */
  tearDown: scaled(60_000),
} as const;
