import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/app/package-root.js';

export const CLI = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
export const cliBuilt = existsSync(CLI);

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the compiled `xinyong` as a user would (no tsx), with a fixed clock and a private store. */
export function runCli(args: string[], env: Record<string, string>, input?: string | Buffer): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
