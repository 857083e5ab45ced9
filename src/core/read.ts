// The lenient readers every response parser shares: a field of the wrong type reads as missing
// (undefined) instead of throwing, so an unexpected server shape degrades to "not shown".

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Any string, the empty one included. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A string with something in it: an empty name, id or URL counts as missing. */
export function nonEmptyStr(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A finite number, also from a numeric string. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 'true') return true;
  if (v === 0 || v === 'false') return false;
  return undefined;
}

/** The strings of an array (others skipped); anything else is an empty list. */
export function strArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** `{data: X}` → X; anything else unchanged (several endpoints answer without the wrapper). */
export function unwrapData(body: unknown): unknown {
  return isObject(body) && 'data' in body ? body.data : body;
}

/**
 * Translations as `{lang: text}`, `{lang: {text}}` or `[{language|lang|target_lang, text}]`;
 * undefined when there are none, like every other missing field.
 */
export function readTranslations(v: unknown): Record<string, string> | undefined {
  // Once per sentence of every stream: no entries arrays, no second pass to count.
  let out: Record<string, string> | undefined;
  if (Array.isArray(v)) {
    for (const t of v) {
      if (!isObject(t)) continue;
      const lang = nonEmptyStr(t.language) ?? nonEmptyStr(t.lang) ?? nonEmptyStr(t.target_lang);
      const text = str(t.text) ?? str(t.translation);
      if (lang && text !== undefined) (out ??= {})[lang] = text;
    }
  } else if (isObject(v)) {
    for (const lang in v) {
      if (!Object.hasOwn(v, lang)) continue;
      const t = v[lang];
      const text = typeof t === 'string' ? t : isObject(t) ? (str(t.text) ?? str(t.translation)) : undefined;
      if (text !== undefined) (out ??= {})[lang] = text;
    }
  }
  return out;
}

/** An absolute URL, or undefined where the text is not one (instead of new URL's throw). */
export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
