// Request helpers of every emulated Vurbo route: the X-API-Key check with the documented auth errors,
// and the JSON body reader.
import { sendJson, vurboError, type RouteContext } from '../server';
import { VURBO_KEY_FAILURES, type ResolvedOptions } from '../options';

const KEY_FORMAT = /^vas_[A-Za-z0-9]{32}$/;

/** Checks X-API-Key as the documented auth errors describe; returns the key or answers 401 itself. */
export function authenticateVurbo(ctx: RouteContext, options: ResolvedOptions): string | undefined {
  const header = ctx.req.headers['x-api-key'];
  const key = Array.isArray(header) ? header[0] : header;
  const fail = (code: string, message: string) => {
    sendJson(ctx.res, 401, vurboError(code, message, 'fatal', { context: 'auth' }));
    return undefined;
  };
  if (!key) return fail('auth_missing_api_key', 'API key is required');
  if (!KEY_FORMAT.test(key)) return fail('auth_invalid_key_format', 'Invalid API key format');
  const failure = options.vurboKeyFailures[key];
  if (failure) {
    sendJson(ctx.res, VURBO_KEY_FAILURES[failure].status, vurboError(failure, VURBO_KEY_FAILURES[failure].message, 'fatal', { context: 'auth' }));
    return undefined;
  }
  if (key !== options.keys.vurbo && !options.extraVurboKeys.includes(key)) return fail('auth_invalid_api_key', 'Invalid API key');
  return key;
}

/** The body as a JSON object, or undefined when it is not one. */
export async function readJsonBody(ctx: RouteContext): Promise<Record<string, unknown> | undefined> {
  try {
    const text = (await ctx.body()).toString('utf8');
    const value: unknown = text.trim() === '' ? {} : JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
