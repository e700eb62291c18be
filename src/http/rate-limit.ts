import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Errors } from '../core/errors.js';
import { HttpProblem } from './problem.js';

export interface RateLimitOptions {
  /** Requests allowed per key (or per IP without a key) in each window. */
  max: number;
  timeWindowMs: number;
}

/**
 * Per-key rate limits. The limiter runs as a route-level onRequest hook, after the instance-level
 * `identify` hook, so it counts a verified key id; a request without one counts against its IP
 * (a guessed key id cannot spend someone else's budget).
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: options.max,
    timeWindow: options.timeWindowMs,
    keyGenerator: (request) => (request.principal ? `key:${request.principal.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new HttpProblem(Errors.RATE_LIMITED(seconds), { 'retry-after': String(seconds) });
    },
  });
}
