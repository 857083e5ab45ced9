// Valossa keys found by name. Valossa documents no key format, so the signal is a key-like literal
// assigned to an API-key name — `apiKey`, `API_KEY`, `valossaKey`, `VALOSSA_KEY`, `valossa_api_key`,
// `ValossaApiKey`, `valossa.api.key` — in the assignment forms of the common languages and config
// formats, where the name says valossa itself or a Valossa host or endpoint is named nearby.
import { contextAround, literal, quotedLiteral, skipBlanks, type Candidate } from './literals';

/** The trigger spellings this rule reads (scanner.ts TRIGGER): api[_-]key is read by the other rules first. */
export const NAME_TRIGGER_SOURCE = 'api[_-]?key|valossa[_.-]?(?:api[_.-]?)?key';

/** A generic name (apiKey) counts only near a Valossa host or endpoint: stricter than the body-field rule. */
const NAME_CONTEXT = /valossa|\/core\/1\.0\/(?:new_job|job_status|job_results|list_jobs|cancel_job|delete_job)\b/i;
/** Valossa keys seen so far are hex or alphanumeric tokens; a URL, path or sentence is not one. */
const KEY_SHAPE = /^[A-Za-z0-9_-]{20,128}$/;

const TYPED = /^\s*&?(?:'static\s+)?[A-Za-z_][\w<>?.]*\s+=(?![=>])/; // `: &str =`, `: String =`, `string =`
const CS_PROPERTY = /^\{\s*get;\s*(?:(?:private\s+|init\s*;\s*)?set;\s*)?\}\s*=(?!=)/; // `{ get; set; } =`
const PAIR_VALUE = /^,[ \t]*(?:\r?\n[ \t]*)?(?:"value"|'value'|value)[ \t]*[:=][ \t]*/; // Postman/HAR `"key": "apiKey", "value": …`, pretty-printed too
const XML_VALUE = /^\s+value\s*=\s*/; // `<add key="ValossaApiKey" value="…"/>`

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/** `name` is what the trigger matched at `at`; `line` is its line. */
export function valossaNamedAt(text: string, at: number, name: string, lineStart: number, lineEnd: number): Candidate | undefined {
  const end = at + name.length;
  if (isIdentChar(text[end])) return undefined; // apiKeys, api_key_id
  let idStart = at;
  while (idStart > lineStart && at - idStart < 64 && isIdentChar(text[idStart - 1])) idStart--;
  const id = text.slice(idStart, end);
  if (/vurbo/i.test(id)) return undefined; // Vurbo keys have a format: the format rule finds them
  const namesValossa = /valossa/i.test(id);
  if (!namesValossa && idStart !== at) return undefined; // OTHER_API_KEY, mapsApiKey: someone else's key
  const before = text[idStart - 1];
  if (before === '?' || before === '&' || before === '-') return undefined; // query parameters and flags: other rules
  const valueAt = valueStart(text, idStart, end, lineEnd);
  if (valueAt === undefined) return undefined;
  lineEnd = valueAt.lineEnd ?? lineEnd;
  const found = valueAt.xml
    ? literal(text, valueAt.at, lineEnd, 'valossa-key-by-name', 'valossa', /[<\s]/)
    : valueAt.quotedOnly
      ? quotedLiteral(text, valueAt.at, lineEnd, 'valossa-key-by-name', 'valossa')
      : literal(text, valueAt.at, lineEnd, 'valossa-key-by-name', 'valossa');
  if (!found || !KEY_SHAPE.test(text.slice(found.start, found.end))) return undefined;
  if (!namesValossa && !NAME_CONTEXT.test(contextAround(text, at, lineStart))) return undefined;
  return found;
}

interface ValueStart {
  readonly at: number;
  /** `define('VALOSSA_KEY', '…')`: after a comma only a quoted literal counts. */
  readonly quotedOnly?: boolean;
  readonly xml?: boolean;
  /** Set when the value is on the next line (a pretty-printed name/value pair). */
  readonly lineEnd?: number;
}

/** Where the assigned value starts in the forms of Kotlin, Swift, Go, Java, C#, PHP, Ruby, Rust, TS, Python and configs. */
function valueStart(text: string, idStart: number, end: number, lineEnd: number): ValueStart | undefined {
  const before = text[idStart - 1];
  if (before === '<' && text[end] === '>') return { at: end + 1, xml: true }; // <apiKey>…</apiKey>
  let i = end;
  const quoted = text[i] === '"' || text[i] === "'";
  if (quoted) i++;
  const pair = quoted ? (PAIR_VALUE.exec(text.slice(i, i + 96)) ?? XML_VALUE.exec(text.slice(i, Math.min(lineEnd, i + 64)))) : undefined;
  if (pair) {
    const at = i + pair[0].length;
    const nl = text.indexOf('\n', at);
    return { at, lineEnd: nl < 0 ? text.length : nl };
  }
  i = skipBlanks(text, i, lineEnd);
  const c = text[i];
  const next = text[i + 1];
  if (c === ',' && quoted) return { at: i + 1, quotedOnly: true }; // define('VALOSSA_KEY', '…'), getenv("VALOSSA_KEY", "…")
  if (c === ':' && next === '=') return { at: i + 2 }; // Go
  if (c === '=' && next === '>') return { at: i + 2 }; // PHP, Ruby hashes
  if (c === '=' && next !== '=') return { at: i + 1 };
  if (c === ':' && next !== ':') {
    const typed = TYPED.exec(text.slice(i + 1, Math.min(lineEnd, i + 48)));
    return { at: typed ? i + 1 + typed[0].length : i + 1 }; // Rust/Kotlin/Swift/TS annotations, else YAML/JSON/Ruby
  }
  const property = CS_PROPERTY.exec(text.slice(i, Math.min(lineEnd, i + 48)));
  if (property) return { at: i + property[0].length };
  const goVar = TYPED.exec(text.slice(i - 1, Math.min(lineEnd, i + 48))); // Go `var apiKey string = …`
  if (goVar && i > end) return { at: i - 1 + goVar[0].length };
  return undefined;
}
