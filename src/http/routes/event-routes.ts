import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../authenticate.js';
import type { RouteDeps } from '../route-deps.js';
import { bearer, problems } from '../schemas.js';

export interface EventRouteOptions extends RouteDeps {
  /** A comment line this often keeps proxies from closing an idle stream (default 15 s). */
  heartbeatMs?: number;
}

/**
 * `GET /v1/events`: server-sent events of subjects entering and leaving lists, for relying parties
 * (only changes touching the actions on their key) and admins. Each delivery is in the subject's access log.
 */
export function eventRoutes({ service, heartbeatMs = 15_000 }: EventRouteOptions): FastifyPluginAsyncTypebox {
  return async (app) => {
    const open = new Set<() => void>();
    // A stream never finishes by itself: end them all when the server closes, so shutdown is not held up.
    app.addHook('onClose', async () => {
      for (const end of open) end();
    });
    app.get('/events', {
      schema: {
        tags: ['events'], security: bearer, summary: 'Server-sent events of list entries and exits',
        querystring: Type.Object({ purpose: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { ...problems(400, 401, 403, 429) },
      },
    }, async (request, reply) => {
      // Authorise before the stream opens, so a refusal is still an ordinary problem+json response.
      const send = (text: string) => reply.raw.write(text);
      const unsubscribe = service.events(principalOf(request), request.query.purpose, (change) => {
        send(`id: ${change.seq}\nevent: ${change.type}\ndata: ${JSON.stringify(change)}\n\n`);
      });
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      send(': connected\n\n');
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), heartbeatMs);
      heartbeat.unref();
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        reply.raw.end();
      };
      open.add(end);
      request.raw.on('close', end);
    });
  };
}
