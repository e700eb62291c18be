import { createHash, timingSafeEqual } from 'node:crypto';

/** Roles of the HTTP contract (design.md section 6). */
export const ROLES = ['admin', 'furnisher', 'relying_party', 'subject', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** What a key may do; the key's secret itself is never stored, only its hash. */
export interface ApiKeyGrant {
  id: string;
  role: Role;
  /** Furnisher keys: the one source they write for. */
  source: string | null;
  /** Subject keys: the one subject they read. */
  subjectId: string | null;
  /** Relying-party keys: the actions they may ask about and the purposes they may name. */
  actions: string[];
  purposes: string[];
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface StoredApiKey extends ApiKeyGrant {
  /** SHA-256 of the secret, hex. The secret has 256 random bits, so a fast hash suffices. */
  secretHash: string;
}

const KEY = /^xyk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** The presented form of a key: `xyk_<id>_<secret>`. */
export function formatApiKey(id: string, secret: string): string {
  return `xyk_${id}_${secret}`;
}

/** Split a presented key into its id and secret; undefined when it is not one of ours. */
export function parseApiKey(presented: string): { id: string; secret: string } | undefined {
  const m = KEY.exec(presented);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
