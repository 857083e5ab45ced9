// The two providers, their defaults, and the rules for base URLs and the origins keys are bound to.
import { parseUrl } from './read';

export type ProviderId = 'valossa' | 'vurbo';

export interface ProviderInfo {
  readonly id: ProviderId;
  readonly label: string;
  readonly defaultBaseUrl: string;
  /** Environment variable users conventionally keep the key in. */
  readonly keyEnvVar: string;
  /** Where a user creates or rotates a key. */
  readonly dashboardUrl: string;
}

export const PROVIDERS: Readonly<Record<ProviderId, ProviderInfo>> = {
  valossa: {
    id: 'valossa',
    label: 'Valossa Core',
    defaultBaseUrl: 'https://api-eu.valossa.com/core/1.0',
    keyEnvVar: 'VALOSSA_API_KEY',
    dashboardUrl: 'https://portal.valossa.com/portal/',
  },
  vurbo: {
    id: 'vurbo',
    label: 'Vurbo.ai VAS',
    defaultBaseUrl: 'https://vas-poc.vurbo.ai',
    keyEnvVar: 'VURBO_API_KEY',
    dashboardUrl: 'https://vas-poc.vurbo.ai/dashboard',
  },
};

export const PROVIDER_IDS: readonly ProviderId[] = ['valossa', 'vurbo'];

/** `vas_` followed by exactly 32 alphanumerics (DOCUMENTED, vurbo-vas.md §2.1). */
export const VURBO_KEY_PATTERN = /^vas_[A-Za-z0-9]{32}$/;

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export type BaseUrlCheck = Readonly<{ ok: true; baseUrl: string; origin: string; loopback: boolean } | { ok: false; reason: string }>;

/** Answers by setting value: views, context keys and connections each ask for both providers' hosts. */
const checked = new Map<string, BaseUrlCheck>();
const CHECKED_MAX = 32;

/**
 * Validates a configured base URL: absolute http(s), https unless loopback, no credentials, query or
 * fragment. Returns it without a trailing slash, plus the origin a key is bound to.
 */
export function checkBaseUrl(raw: string): BaseUrlCheck {
  let check = checked.get(raw);
  if (!check) {
    if (checked.size >= CHECKED_MAX) checked.clear();
    checked.set(raw, (check = checkUncached(raw)));
  }
  return check;
}

function checkUncached(raw: string): BaseUrlCheck {
  const url = parseUrl(raw.trim());
  if (!url) return { ok: false, reason: `"${raw}" is not an absolute URL.` };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `Only https:// base URLs are supported (got ${url.protocol}).` };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    return { ok: false, reason: `Plain http:// is refused for ${url.host}: keys may only travel over https:// to a non-loopback host.` };
  }
  if (url.username || url.password) return { ok: false, reason: 'A base URL must not contain credentials.' };
  if (url.search || url.hash) return { ok: false, reason: 'A base URL must not contain a query or fragment.' };
  const baseUrl = url.toString().replace(/\/+$/, '');
  return { ok: true, baseUrl, origin: url.origin, loopback };
}

/** Joins a base URL and a path without losing the base's own path (`/core/1.0`). */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}
