// Test-time key generation for the scanner tests: a seeded generator (so runs are reproducible) and the
// expansion of the fixture corpus markers (see test/fixtures/scan/README.md). No key is ever committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RuleId } from '../../src/core/scan';

export const FIXTURE_DIR = path.join(__dirname, '..', 'fixtures', 'scan');

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const B64URL = ALNUM + '-_';

/** mulberry32: small, fast, good enough to make random-looking keys from a fixed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class KeyFactory {
  private readonly random: () => number;

  constructor(seed = 20250101) {
    this.random = seededRandom(seed);
  }

  chars(alphabet: string, n: number): string {
    for (;;) {
      let s = '';
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.random() * alphabet.length)];
      // A real key has letters and digits; re-draw the rare string without them so tests stay meaningful.
      if (/[A-Za-z]/.test(s) && /[0-9]/.test(s)) return s;
    }
  }

  vurbo(): string {
    return 'vas_' + this.chars(ALNUM, 32);
  }

  hex(): string {
    return this.chars(HEX, 32);
  }

  b64(): string {
    return this.chars(B64URL, 40);
  }

  generate(kind: string): string {
    switch (kind) {
      case 'vurbo':
        return this.vurbo();
      case 'hex':
        return this.hex();
      case 'b64':
        return this.b64();
      case 'vurbo33':
        return 'vas_' + this.chars(ALNUM, 33);
      case 'vurbo31':
        return 'vas_' + this.chars(ALNUM, 31);
      case 'canvas':
        return 'canvas_' + this.chars(ALNUM, 32);
      // Fillers a real key never is; built here so no committed file holds a key-shaped literal.
      case 'xfiller':
        return 'vas_' + 'x'.repeat(32);
      case 'zeros':
        return 'vas_' + '0'.repeat(32);
      case 'alphabet':
        return 'vas_' + 'abcdefghijklmnopqrstuvwxyz012345';
      case 'docexample':
        // The example key printed in the Vurbo documentation (built here so no file holds it verbatim).
        return ['vas', 'aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW'].join('_');
      default:
        throw new Error(`unknown key generator ${kind}`);
    }
  }
}

export interface PlantedKey {
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** The rule expected to report it, or undefined when it must not be reported. */
  readonly rule?: RuleId;
}

const DEFAULT_RULE: Record<string, RuleId> = { vurbo: 'vurbo-api-key' };

/** Replaces every `@@…@@` marker with a generated value and returns where each one landed. */
export function expandMarkers(template: string, keys: KeyFactory): { text: string; planted: PlantedKey[] } {
  const planted: PlantedKey[] = [];
  let text = '';
  let last = 0;
  for (const m of template.matchAll(/@@(-?)([a-z0-9]+)(?::([a-z-]+))?@@/g)) {
    text += template.slice(last, m.index);
    const value = keys.generate(m[2]);
    const rule = m[1] === '-' ? undefined : ((m[3] as RuleId | undefined) ?? DEFAULT_RULE[m[2]]);
    if (m[1] !== '-' && !rule) throw new Error(`marker ${m[0]} needs a rule`);
    planted.push({ value, start: text.length, end: text.length + value.length, rule });
    text += value;
    last = m.index + m[0].length;
  }
  return { text: text + template.slice(last), planted };
}

export function corpusFiles(): string[] {
  return fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f !== 'README.md')
    .sort();
}

/** The whole corpus with keys planted, as file name → text and planted keys. */
export function plantedCorpus(seed = 7): Map<string, { text: string; planted: PlantedKey[] }> {
  const keys = new KeyFactory(seed);
  const out = new Map<string, { text: string; planted: PlantedKey[] }>();
  for (const name of corpusFiles()) out.set(name, expandMarkers(fs.readFileSync(path.join(FIXTURE_DIR, name), 'utf8'), keys));
  return out;
}

// ---------------------------------------------------------------- temp directories and git repositories

const created: string[] = [];
process.on('exit', () => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the system temp dir, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `speech-api-${prefix}-`));
  created.push(dir);
  return dir;
}

export function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

/** Runs git with a fixed identity and no user or system config. */
/** A git identity and no user or system config, for commits in scratch repositories (a fresh machine has neither). */
export const TEST_GIT_ENV = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...TEST_GIT_ENV } });
}

/** A fresh repository holding `files` in one commit. */
export function committedRepo(prefix: string, files: Record<string, string>): string {
  const dir = tempDir(prefix);
  git(dir, 'init', '-q');
  write(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
  return dir;
}
