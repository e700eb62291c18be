import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface MasterKeyOptions {
  /** Key file; created (mode 0600) when `create` is set and it does not exist. */
  file: string;
  /** Base64 key from the environment (XINYONG_MASTER_KEY); takes precedence over the file. */
  fromEnv?: string | undefined;
  create: boolean;
}

/** Load the registry's master key. Losing it makes every sealed identity number unreadable. */
export function loadMasterKey(options: MasterKeyOptions): Buffer | undefined {
  if (options.fromEnv) return decode(options.fromEnv, 'XINYONG_MASTER_KEY');
  if (existsSync(options.file)) return decode(readFileSync(options.file, 'utf8').trim(), options.file);
  if (!options.create) return undefined;
  const key = randomBytes(32);
  mkdirSync(dirname(options.file), { recursive: true });
  writeFileSync(options.file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${where} does not hold a base64 32-byte key`);
  return key;
}
