// The hard-coded key rules: one table shared by the scanner, the editor diagnostics, the CLI and SARIF.
import type { ProviderId } from '../providers';

export type BuiltinRuleId =
  'stored-api-key' | 'vurbo-api-key' | 'api-key-env-assignment' | 'api-key-in-url' | 'api-key-header' | 'valossa-api-key-field' | 'valossa-key-by-name';

/** A built-in rule, or `custom/<id>` for a custom rule of `.speech-api-scan.json` (contentRules.ts). */
export type RuleId = BuiltinRuleId | `custom/${string}`;

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Rule {
  readonly id: RuleId;
  /** Short title (SARIF shortDescription, hover heading). */
  readonly title: string;
  /** One sentence for a finding of this rule; never contains the key. */
  readonly message: string;
  /** Why it matters and how to fix it (SARIF help, hover body). */
  readonly help: string;
  /** Severity outside a git repository (inside one, the git status decides; see severity.ts). */
  readonly defaultSeverity: Severity;
  /** Lower wins when two findings cover the same text. */
  readonly priority: number;
}

const FIX_HELP =
  'Read the key from the environment instead (e.g. `process.env.VURBO_API_KEY`), keep it in VS Code Secret Storage with ' +
  '"Speech API: Set API Key", and rotate it in the provider dashboard if it was ever committed or shared. ' +
  'If the value is a deliberate test fixture, add a `speech-api-allow` comment on the same line or ' +
  '`speech-api-allow-next-line` on the line before.';

/** The built-in rules; a custom rule id is not among them (see ruleText in contentRules.ts). */
export const RULES: Readonly<Record<RuleId, Rule>> = {
  'stored-api-key': {
    id: 'stored-api-key',
    title: 'Your stored live API key',
    message: 'This is the live API key you stored in VS Code Secret Storage.',
    help: 'The exact key kept in Secret Storage appears in this file. Anyone who can read the file can call the API as you. ' + FIX_HELP,
    defaultSeverity: 'error',
    priority: 0,
  },
  'vurbo-api-key': {
    id: 'vurbo-api-key',
    title: 'Hard-coded Vurbo.ai API key',
    message: 'Hard-coded Vurbo.ai API key (vas_ followed by 32 letters and digits).',
    help: 'A Vurbo.ai VAS API key is written into this file. Keys grant full access to the account and its budget. ' + FIX_HELP,
    defaultSeverity: 'error',
    priority: 1,
  },
  'api-key-env-assignment': {
    id: 'api-key-env-assignment',
    title: 'API key variable assigned a literal',
    message: 'VALOSSA_API_KEY / VURBO_API_KEY is assigned a literal key.',
    help: 'An API key variable is set to a literal value in code, .env, YAML, a Dockerfile or a shell script. ' + FIX_HELP,
    defaultSeverity: 'error',
    priority: 2,
  },
  'api-key-in-url': {
    id: 'api-key-in-url',
    title: 'API key in a Valossa or Vurbo URL',
    message: 'An API key is written into the api_key= parameter of a Valossa or Vurbo URL.',
    help: 'Keys in URLs end up in logs, browser history and proxies. Build the URL at run time from a key read from the environment. ' + FIX_HELP,
    defaultSeverity: 'error',
    priority: 3,
  },
  'api-key-header': {
    id: 'api-key-header',
    title: 'API key in an X-API-Key header',
    message: 'A literal API key is sent in an X-API-Key header to the Vurbo API.',
    help: 'A curl command, .http request or code sets the X-API-Key header to a literal key. Use a variable such as `$VURBO_API_KEY`. ' + FIX_HELP,
    defaultSeverity: 'warning',
    priority: 4,
  },
  'valossa-api-key-field': {
    id: 'valossa-api-key-field',
    title: 'API key in a Valossa request body',
    message: 'A literal key is set as the api_key field of a Valossa request.',
    help: 'The `api_key` field of a Valossa Core request body holds a literal key. ' + FIX_HELP,
    defaultSeverity: 'warning',
    priority: 5,
  },
  'valossa-key-by-name': {
    id: 'valossa-key-by-name',
    title: 'Valossa API key assigned by name',
    message: 'A variable, field or setting named like a Valossa API key (apiKey, valossaKey, VALOSSA_KEY…) is assigned a literal key.',
    help:
      'Valossa documents no key format, so the name and the file are the signal: a key-like literal is assigned to an API key name ' +
      'in a file that names Valossa or one of its endpoints (or to a name that says valossa itself). ' +
      FIX_HELP,
    defaultSeverity: 'warning',
    priority: 6,
  },
};

export const RULE_IDS = Object.keys(RULES) as BuiltinRuleId[];

export function isRuleId(value: unknown): value is BuiltinRuleId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RULES, value);
}

/** How a key was written when it was not written plainly (encoded.ts). */
export type Encoding = 'percent' | 'escape' | 'hex' | 'base64';

/**
 * An encoded key: decoding the finding's text through `via` (outermost first) gives a string whose
 * [keyStart, keyEnd) is the key. Offsets only: never the key itself.
 */
export interface EncodedKey {
  readonly via: readonly Encoding[];
  readonly keyStart: number;
  readonly keyEnd: number;
}

/** One detected key. Offsets are 0-based UTF-16 offsets; line/column are 1-based, end column exclusive. */
export interface Finding {
  readonly ruleId: RuleId;
  readonly provider: ProviderId;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  /** For stored keys: the origin the key is bound to (never the key). */
  readonly origin?: string;
  /** Set when the key is encoded in the text (the finding spans its encoded form). */
  readonly encoded?: EncodedKey;
}
