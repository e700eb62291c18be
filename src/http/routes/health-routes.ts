import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Errors } from '../../core/errors.js';
import type { RegistryStore } from '../../ports/registry-store.js';
import { HttpErrors, HttpProblem } from '../problem.js';
import { problems } from '../schemas.js';

export interface HealthRoutesOptions {
  store: RegistryStore;
}

const Status = Type.Object({ status: Type.String() });

/**
 * /healthz: the process answers. /readyz: the store answers, is migrated and has an active policy,
 * so a load balancer sends no traffic to a server that could only fail. Neither needs a key, and
 * neither is rate limited (probes come often, from one address).
 */
export function healthRoutes({ store }: HealthRoutesOptions): FastifyPluginAsyncTypebox {
  return async (app) => {
    const config = { rateLimit: false } as const;
    app.get('/healthz', { config, schema: { summary: 'Liveness', tags: ['operations'], response: { 200: Status } } }, async () => ({ status: 'ok' }));
    app.get('/readyz', {
      config,
      schema: { summary: 'Readiness', tags: ['operations'], response: { 200: Status, ...problems(503) } },
    }, async () => {
      let ready: { initialised: boolean; policy: boolean };
      try {
        const initialised = await store.isInitialised();
        ready = { initialised, policy: initialised && (await store.activePolicy()) !== undefined };
      } catch {
        throw new HttpProblem(HttpErrors.STORE_UNAVAILABLE());
      }
      if (!ready.initialised) throw new HttpProblem(Errors.STORE_NOT_INITIALISED('the configured store'));
      if (!ready.policy) throw new HttpProblem(Errors.STORE_NO_POLICY());
      return { status: 'ready' };
    });
  };
}
