import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LocalSigner } from './local-signer.js';

export interface SigningKeyOptions {
  /** PEM (PKCS#8) private key file, mode 0600. Public keys ever used sit beside it in `<file>.pub`. */
  file: string;
  /** Create the key when the file does not exist. */
  create: boolean;
}

/**
 * Load the audit signing key and every public key it replaced. The `.pub` file lists all of them,
 * current one included, so an auditor can verify checkpoints with it alone.
 */
export function loadLocalSigner(options: SigningKeyOptions): LocalSigner | undefined {
  if (!existsSync(options.file)) {
    if (!options.create) return undefined;
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(options.file), { recursive: true });
    // 'wx': never overwrite a key another process created meanwhile; losing a key orphans its checkpoints.
    writeFileSync(options.file, pem(privateKey), { mode: 0o600, flag: 'wx' });
    appendFileSync(publicFile(options.file), pem(publicKey));
  }
  return new LocalSigner(createPrivateKey(readFileSync(options.file, 'utf8')), readPublicKeys(options.file));
}

/** Replace the signing key by a new one, keeping the old public key for verification. */
export function rotateLocalSigner(file: string): LocalSigner {
  const old = loadLocalSigner({ file, create: false });
  if (!old) throw new Error(`no audit signing key at ${file}`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  // Public key first: a crash before the rename leaves an unused public key, never an unknown signer.
  const listed = readPublicKeys(file).map((k) => pem(k));
  const oldPublic = old.publicKeys().get(old.keyId) as KeyObject;
  if (!listed.includes(pem(oldPublic))) appendFileSync(publicFile(file), pem(oldPublic));
  appendFileSync(publicFile(file), pem(publicKey));
  writeFileSync(`${file}.tmp`, pem(privateKey), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return new LocalSigner(privateKey, readPublicKeys(file));
}

function readPublicKeys(file: string): KeyObject[] {
  if (!existsSync(publicFile(file))) return [];
  const text = readFileSync(publicFile(file), 'utf8');
  return (text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? []).map((block) => createPublicKey(block));
}

const publicFile = (file: string) => `${file}.pub`;

function pem(key: KeyObject): string {
  return key.type === 'private'
    ? (key.export({ format: 'pem', type: 'pkcs8' }) as string)
    : (key.export({ format: 'pem', type: 'spki' }) as string);
}
