// The one loadable-state type of the features' models, and the view text that goes with it.
import type { Disposable, Event } from 'vscode';
import { errorText } from './errors';

export type LoadState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded' }
  /** No key for the host (or the host is not usable): the welcome view says what to do. */
  | { readonly kind: 'noKey' }
  | { readonly kind: 'error'; readonly error: unknown };

export const LOADING: LoadState = { kind: 'loading' };
export const LOADED: LoadState = { kind: 'loaded' };
export const NO_KEY: LoadState = { kind: 'noKey' };

/**
 * The view's message line, the one place a list view says how loading went: loading, the error
 * (it wraps there, where a row would be cut off at the sidebar's width), or empty once loaded.
 */
export function viewMessage(state: LoadState, count: number, texts: { loading?: string; empty?: string; error: (text: string) => string }): string | undefined {
  if (state.kind === 'error') return texts.error(errorText(state.error));
  if (state.kind === 'loading' && count === 0) return texts.loading;
  if (state.kind === 'loaded' && count === 0) return texts.empty;
  return undefined;
}

/** Keeps `view.message` in step with the model's state. */
export function showLoadState(
  view: { message?: string },
  model: { readonly state: LoadState; readonly onDidChange: Event<void> },
  count: () => number,
  texts: Parameters<typeof viewMessage>[2],
): Disposable {
  const update = () => (view.message = viewMessage(model.state, count(), texts));
  update();
  return model.onDidChange(update);
}
