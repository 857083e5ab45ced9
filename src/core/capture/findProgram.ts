// Is a program installed? A PATH lookup the way the OS would do it for spawn (PATHEXT on Windows),
// without running anything.
import fs from 'node:fs';
import path from 'node:path';
import type { CapturePlatform } from './backends';

export interface LookupEnv {
  readonly PATH?: string;
  readonly Path?: string;
  readonly PATHEXT?: string;
}

/** The full path of `program` on PATH, or undefined. */
export function findProgram(program: string, env: LookupEnv, platform: CapturePlatform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)] : [''];
  const candidates = path.isAbsolute(program) ? [program] : dirs.flatMap((d) => exts.map((e) => path.join(d, program + e)));
  return candidates.find((c) => isExecutable(c, platform));
}

function isExecutable(file: string, platform: CapturePlatform): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A `has(program)` for backendsFor() over this process's PATH, remembering each answer. */
export function programLookup(env: LookupEnv, platform: CapturePlatform): (program: string) => boolean {
  const seen = new Map<string, boolean>();
  return (program) => {
    let found = seen.get(program);
    if (found === undefined) seen.set(program, (found = findProgram(program, env, platform) !== undefined));
    return found;
  };
}
