import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseApiKey, secretMatches, type StoredApiKey } from '../core/access/api-key.js';
import type { Principal } from '../core/access/authorize.js';
import { Errors } from '../core/errors.js';
import { BoundedMap } from '../lib/bounded-map.js';
import type { ApiKeyStore } from '../ports/api-key-store.js';
import { HttpProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The grant of the key that authenticated this request; null until (or unless) one did. */
    principal: Principal | null;
  }
}

export interface AuthenticateOptions {
  keys: ApiKeyStore;
  /** How long a looked-up key (or its absence) is trusted; a revocation takes effect within this. */
  cacheMs?: number;
  now?: () => number;
}

export interface AuthHooks {
  /** onRequest: sets `request.principal` from a valid Bearer key; never replies itself. */
  identify: (request: FastifyRequest) => Promise<void>;
  /** preParsing: refuses a request without a principal, before its body is read. */
  require: (request: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Bearer API keys, in two steps so the rate limiter between them can key on the verified key id
 * (or the IP when there is none), and unauthenticated bodies are never parsed.
 */
export function authenticate(options: AuthenticateOptions): AuthHooks {
  const ttl = options.cacheMs ?? 5000;
  const now = options.now ?? Date.now;
  const cache = new BoundedMap<string, { at: number; key: StoredApiKey | undefined }>(10_000);

  const lookup = async (id: string): Promise<StoredApiKey | undefined> => {
    const hit = cache.get(id);
    if (hit && now() - hit.at < ttl) return hit.key;
    const key = await options.keys.apiKey(id);
    cache.set(id, { at: now(), key });
    return key;
  };

  return {
    async identify(request) {
      const header = request.headers.authorization;
      const presented = header ? parseApiKey(BEARER.exec(header)?.[1] ?? '') : undefined;
      if (!presented) return;
      const key = await lookup(presented.id);
      if (!key || key.revokedAt !== null || !secretMatches(presented.secret, key.secretHash)) return;
      request.principal = {
        id: key.id, role: key.role, source: key.source, subjectId: key.subjectId,
        actions: key.actions, purposes: key.purposes, label: key.label,
      };
    },
    async require(request, _reply, payload) {
      if (request.principal) return payload;
      const error = request.headers.authorization ? 'Bearer error="invalid_token"' : 'Bearer';
      throw new HttpProblem(Errors.UNAUTHENTICATED(), { 'www-authenticate': error });
    },
  };
}

/** The authenticated principal of a request on an authenticated route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpProblem(Errors.UNAUTHENTICATED(), { 'www-authenticate': 'Bearer' });
  return request.principal;
}
