// `.speech-api-scan.json`: one file at the repository root, read by the CLI and the extension alike.
// It is found by walking up from the scanned path to the git root (or to the file system root outside
// git). Every path in it is relative to the directory holding it. schemas/speech-api-scan.schema.json
// describes the same format for editors.
import fs from 'node:fs';
import path from 'node:path';
import { RegexRejected, ContentRules, type ContentRuleSpec, type CustomRuleSpec } from './contentRules';
import { DEFAULT_SALT } from './fingerprint';
import { regexProblem } from './regexSafety';
import { isRuleId, type RuleId, type Severity } from './rules';
import { SEVERITIES } from './severity';

export const CONFIG_FILE = '.speech-api-scan.json';

export interface RuleSetting {
  readonly enabled: boolean;
  /** Replaces the severity git status would give (ignored files stay unreported unless asked). */
  readonly severity?: Severity;
}

export interface ScanConfig {
  /** The directory fingerprints' paths, excludes and the baseline path are relative to. */
  readonly root: string;
  /** The config file read, if any. */
  readonly file?: string;
  readonly rules: Readonly<Partial<Record<RuleId, RuleSetting>>>;
  /** Globs relative to `root`. */
  readonly exclude: readonly string[];
  readonly allowValues: readonly string[];
  readonly allowPatterns: readonly string[];
  /** Absolute path of the baseline file, if the config names one. */
  readonly baseline?: string;
  readonly salt: string;
  readonly customRules: readonly CustomRuleSpec[];
}

export class ConfigError extends Error {}

const KEYS = new Set(['$schema', 'rules', 'exclude', 'allowlist', 'baseline', 'salt', 'customRules']);
const CUSTOM_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/** The defaults: every built-in rule on, nothing excluded or allowed, no baseline, the default salt. */
export function defaultScanConfig(root: string): ScanConfig {
  return { root, rules: {}, exclude: [], allowValues: [], allowPatterns: [], salt: DEFAULT_SALT, customRules: [] };
}

/** Walks up from `start` (a file or directory) to the git root looking for CONFIG_FILE. Throws ConfigError. */
export function loadScanConfig(start: string): ScanConfig {
  let dir = path.resolve(start);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  const first = dir;
  for (;;) {
    const file = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(file)) return parseScanConfig(fs.readFileSync(file, 'utf8'), file);
    if (fs.existsSync(path.join(dir, '.git'))) return defaultScanConfig(dir);
    if (dir === path.dirname(dir)) return defaultScanConfig(first);
    dir = path.dirname(dir);
  }
}

/** Parses and validates a config file's text. Throws ConfigError naming the file and the problem. */
export function parseScanConfig(text: string, file: string): ScanConfig {
  const fail = (msg: string): never => {
    throw new ConfigError(`${file}: ${msg}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return fail(`not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isObject(raw)) return fail('expected a JSON object');
  for (const k of Object.keys(raw)) if (!KEYS.has(k)) fail(`unknown setting "${k}"`);
  const root = path.dirname(path.resolve(file));
  const config: ScanConfig = {
    ...defaultScanConfig(root),
    file,
    rules: parseRules(raw.rules, fail),
    exclude: stringList(raw.exclude, 'exclude', fail),
    ...parseAllowlist(raw.allowlist, fail),
    ...(raw.baseline !== undefined ? { baseline: path.resolve(root, nonEmpty(raw.baseline, 'baseline', fail)) } : {}),
    salt: raw.salt === undefined ? DEFAULT_SALT : nonEmpty(raw.salt, 'salt', fail),
    customRules: parseCustomRules(raw.customRules, fail),
  };
  try {
    new ContentRules(contentRuleSpec(config, true)); // every regex checked once, up front
  } catch (err) {
    if (err instanceof RegexRejected) fail(err.message);
    throw err;
  }
  return config;
}

/** What the file scanner needs from the config. `trusted: false` leaves out the custom rules. */
export function contentRuleSpec(config: ScanConfig, trusted: boolean): ContentRuleSpec {
  return { customRules: trusted ? config.customRules : [], allowValues: config.allowValues, allowPatterns: config.allowPatterns };
}

type Fail = (msg: string) => never;

function parseRules(value: unknown, fail: Fail): Partial<Record<RuleId, RuleSetting>> {
  if (value === undefined) return {};
  if (!isObject(value)) return fail('"rules" must be an object of rule id → "off", "on", a severity or { enabled, severity }');
  const out: Partial<Record<RuleId, RuleSetting>> = {};
  for (const [id, v] of Object.entries(value)) {
    if (!isRuleId(id)) fail(`"rules" names an unknown rule "${id}" (custom rules set their severity in "customRules")`);
    if (v === 'off' || v === false) out[id as RuleId] = { enabled: false };
    else if (v === 'on' || v === true) out[id as RuleId] = { enabled: true };
    else if (SEVERITIES.includes(v as Severity)) out[id as RuleId] = { enabled: true, severity: v as Severity };
    else if (isObject(v)) {
      if (v.enabled !== undefined && typeof v.enabled !== 'boolean') fail(`rules.${id}.enabled must be true or false`);
      if (v.severity !== undefined && !SEVERITIES.includes(v.severity as Severity)) fail(`rules.${id}.severity must be one of ${SEVERITIES.join(', ')}`);
      out[id as RuleId] = { enabled: v.enabled !== false, ...(v.severity ? { severity: v.severity as Severity } : {}) };
    } else fail(`rules.${id} must be "off", "on", a severity or { enabled, severity }`);
  }
  return out;
}

function parseAllowlist(value: unknown, fail: Fail): { allowValues: string[]; allowPatterns: string[] } {
  if (value === undefined) return { allowValues: [], allowPatterns: [] };
  if (!isObject(value)) return fail('"allowlist" must be an object { values, patterns }');
  for (const k of Object.keys(value)) if (k !== 'values' && k !== 'patterns') fail(`unknown allowlist setting "${k}"`);
  const allowPatterns = stringList(value.patterns, 'allowlist.patterns', fail);
  for (const p of allowPatterns) {
    const problem = regexProblem(p);
    if (problem) fail(`allowlist pattern "${p}" is refused: it ${problem}`);
  }
  return { allowValues: stringList(value.values, 'allowlist.values', fail), allowPatterns };
}

function parseCustomRules(value: unknown, fail: Fail): CustomRuleSpec[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail('"customRules" must be an array');
  const ids = new Set<string>();
  return value.map((r, i) => {
    if (!isObject(r)) return fail(`customRules[${i}] must be an object { id, message, regex, severity }`);
    const id = nonEmpty(r.id, `customRules[${i}].id`, fail);
    if (!CUSTOM_ID.test(id)) fail(`customRules[${i}].id "${id}" may hold only letters, digits, ".", "_" and "-"`);
    if (ids.has(id)) fail(`customRules: the id "${id}" is used twice`);
    ids.add(id);
    for (const k of Object.keys(r)) if (!['id', 'message', 'regex', 'severity', 'provider'].includes(k)) fail(`customRules "${id}": unknown setting "${k}"`);
    if (r.severity !== undefined && !SEVERITIES.includes(r.severity as Severity)) fail(`customRules "${id}": severity must be one of ${SEVERITIES.join(', ')}`);
    if (r.provider !== undefined && r.provider !== 'vurbo' && r.provider !== 'valossa') fail(`customRules "${id}": provider must be "vurbo" or "valossa"`);
    return {
      id,
      message: nonEmpty(r.message, `customRules "${id}".message`, fail),
      regex: nonEmpty(r.regex, `customRules "${id}".regex`, fail),
      ...(r.severity ? { severity: r.severity as Severity } : {}),
      ...(r.provider ? { provider: r.provider as 'vurbo' | 'valossa' } : {}),
    };
  });
}

function stringList(value: unknown, name: string, fail: Fail): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v)) return fail(`"${name}" must be an array of non-empty strings`);
  return value as string[];
}

function nonEmpty(value: unknown, name: string, fail: Fail): string {
  if (typeof value !== 'string' || !value) fail(`"${name}" must be a non-empty string`);
  return value as string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
