import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Errors } from '../../core/errors.js';
import { XyFailure } from '../../app/xy-failure.js';
import { principalOf } from '../authenticate.js';
import type { HttpMetrics } from '../metrics.js';
import { bearer, problems } from '../schemas.js';

/**
 * GET /metrics in the Prometheus text format. It needs an admin or auditor key: decision counts by
 * action and ingest volumes describe the registry's use, which is not public.
 */
export function metricsRoute(metrics: HttpMetrics): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/metrics', {
      schema: {
        summary: 'Prometheus metrics (admin or auditor key)', tags: ['operations'], security: bearer,
        response: {
          200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: Type.String() } } },
          ...problems(401, 403, 429),
        },
      },
    }, async (request, reply) => {
      const { role } = principalOf(request);
      if (role !== 'admin' && role !== 'auditor') throw new XyFailure(Errors.FORBIDDEN('only admin and auditor keys read metrics'));
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  };
}
