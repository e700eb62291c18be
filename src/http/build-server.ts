import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RegistryService } from '../app/registry-service.js';
import type { RecordStream } from '../ports/record-stream.js';
import { authenticate } from './authenticate.js';
import { frameworkErrorHandler, notFoundHandler, problemErrorHandler } from './error-handler.js';
import { loggerOptions, type LoggerOption } from './logger-options.js';
import { createMetrics } from './metrics.js';
import { registerOpenApi } from './openapi.js';
import { registerRateLimit, type RateLimitOptions } from './rate-limit.js';
import { auditRoutes } from './routes/audit-routes.js';
import { caseRoutes } from './routes/case-routes.js';
import { linkRoutes } from './routes/link-routes.js';
import { dashboardRoutes } from './routes/dashboard-routes.js';
import { decisionRoutes } from './routes/decision-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { metricsRoute } from './routes/metrics-route.js';
import { recordRoutes } from './routes/record-routes.js';
import { subjectRoutes } from './routes/subject-routes.js';
import { webRoutes } from './routes/web-routes.js';

export interface ServerOptions {
  service: RegistryService;
  /** false (default): no logs; true: JSON logs at info; or pino options (a `stream` captures them). */
  logger?: LoggerOption;
  /** Per key (or per IP without one); default 600 a minute; false turns limiting off (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /** Every route but POST /v1/records; default 1 MiB. */
  bodyLimitBytes?: number;
  /** POST /v1/records; default 10 MiB. */
  recordsBodyLimitBytes?: number;
  /** Records per POST /v1/records; default 10,000. */
  maxRecords?: number;
  /** How long an API key lookup is cached, in ms (default 5000). */
  keyCacheMs?: number;
  /** The built web dashboard served at `/` (default dist/web under the package root). */
  webDir?: string;
  /** Publish furnished records to this stream (202) instead of storing them in the request (xinyong worker stores them). */
  recordStream?: RecordStream;
}

/** The HTTP edge: Fastify with TypeBox schemas, Bearer keys, problem+json errors, metrics and OpenAPI. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { service } = options;
  const app = Fastify({
    logger: loggerOptions(options.logger),
    genReqId: () => randomUUID(),
    // A caller-chosen request id would let it forge log lines' correlation; ours is always fresh.
    requestIdHeader: false,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    frameworkErrors: frameworkErrorHandler(),
  }).withTypeProvider<TypeBoxTypeProvider>();
  // TypeBox checks bodies without coercion (a number is not a string) and converts only query and path values.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.setErrorHandler(problemErrorHandler());
  app.decorateRequest('principal', null);

  const metrics = createMetrics();
  const auth = authenticate({ keys: service.registry.store, cacheMs: options.keyCacheMs });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onRequest', auth.identify);
  app.addHook('onResponse', metrics.observe);

  const limit = options.rateLimit === false ? undefined : (options.rateLimit ?? { max: 600, timeWindowMs: 60_000 });
  if (limit) await registerRateLimit(app, limit);
  await registerOpenApi(app);
  // Unknown URLs count against the caller's budget too, so scanning for routes is limited.
  app.setNotFoundHandler(limit ? { preHandler: app.rateLimit() } : {}, notFoundHandler());

  await app.register(healthRoutes({ store: service.registry.store }));
  await app.register(webRoutes({ dir: options.webDir }));
  await app.register(async (authed) => {
    authed.addHook('preParsing', auth.require);
    // Answers about people must not linger in shared caches.
    authed.addHook('onRequest', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    await authed.register(metricsRoute(metrics));
    await authed.register(async (v1) => {
      const deps = { service, metrics };
      await v1.register(recordRoutes({ ...deps, maxRecords: options.maxRecords, bodyLimitBytes: options.recordsBodyLimitBytes, stream: options.recordStream }));
      await v1.register(subjectRoutes(deps));
      await v1.register(decisionRoutes(deps));
      await v1.register(caseRoutes(deps));
      await v1.register(linkRoutes(deps));
      await v1.register(auditRoutes(deps));
      await v1.register(eventRoutes(deps));
      await v1.register(dashboardRoutes(deps));
    }, { prefix: '/v1' });
  });
  return app;
}
