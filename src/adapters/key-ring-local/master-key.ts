import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface MasterKeyOptions {
  /** Key file: one base64 key per line, oldest first; created (mode 0600) when `create` is set. */
  file: string;
  /** Base64 keys from the environment (XINYONG_MASTER_KEY, comma-separated, oldest first); take precedence over the file. */
  fromEnv?: string | undefined;
  create: boolean;
}

/**
 * Load the registry's master keys, oldest first. The keys live outside the database; losing them
 * makes every sealed identity number unreadable.
 */
export function loadMasterKeys(options: MasterKeyOptions): Buffer[] | undefined {
  if (options.fromEnv) return options.fromEnv.split(',').map((k) => decode(k.trim(), 'XINYONG_MASTER_KEY'));
  if (existsSync(options.file)) {
    return readFileSync(options.file, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => decode(l, options.file));
  }
  if (!options.create) return undefined;
  const key = randomBytes(32);
  mkdirSync(dirname(options.file), { recursive: true });
  writeFileSync(options.file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return [key];
}

/** Add a new current master key to the key file (older keys stay, to open what they sealed). */
export function addMasterKey(file: string): Buffer {
  if (!existsSync(file)) throw new Error(`no master key file at ${file}`);
  const key = randomBytes(32);
  appendFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
  return key;
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${where} does not hold a base64 32-byte key`);
  return key;
}
