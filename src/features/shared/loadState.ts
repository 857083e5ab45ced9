// The one loadable-state type of the features' models, and the view text that goes with it.
export type LoadState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded' }
  /** No key for the host (or the host is not usable): the welcome view says what to do. */
  | { readonly kind: 'noKey' }
  | { readonly kind: 'error'; readonly error: unknown };

export const LOADING: LoadState = { kind: 'loading' };
export const LOADED: LoadState = { kind: 'loaded' };
export const NO_KEY: LoadState = { kind: 'noKey' };

/** The view's message line: loading, or empty once loaded. Errors are a row (see errorRow). */
export function viewMessage(state: LoadState, count: number, texts: { loading: string; empty: string }): string | undefined {
  if (state.kind === 'loading' && count === 0) return texts.loading;
  if (state.kind === 'loaded' && count === 0) return texts.empty;
  return undefined;
}
