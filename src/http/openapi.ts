import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export interface OpenApiOptions {
  version?: string;
}

/**
 * OpenAPI 3.1 from the same TypeBox schemas that validate requests and serialise responses, at
 * /docs/json; the UI at /docs serves its assets from the installed package (no CDN).
 * Must be registered before the routes, which it collects as they are added.
 */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions = {}): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'xinyong registry API',
        version: options.version ?? '1',
        description: 'Errors are application/problem+json with a stable XY_* code. Identity numbers are masked in every ' +
          'response unless the caller is the subject itself, and never appear in URLs: paths carry registry subject ids.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'xyk_<id>_<secret> API key' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}
