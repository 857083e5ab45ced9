// A throw-away workspace folder for one suite, optionally a git repository with everything committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type WorkspaceFiles = Record<string, string | Uint8Array>;

export function createWorkspace(dir: string, files: WorkspaceFiles, git: boolean): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (path.relative(dir, file).startsWith('..')) throw new Error(`workspace file outside the folder: ${name}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  if (git) {
    const run = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    run('init', '-q', '-b', 'main');
    run('-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', 'add', '-A');
    run('-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', 'commit', '-q', '--allow-empty', '-m', 'fixture');
  }
  return dir;
}
