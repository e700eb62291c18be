import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface MetricsOptions {
  /** Node process metrics (heap, event loop lag, GC) beside the registry's own. */
  processMetrics?: boolean;
}

export interface HttpMetrics {
  registry: Registry;
  decisions: Counter<'action' | 'effect'>;
  ingested: Counter<'outcome'>;
  /** onResponse hook: one observation per request, labelled by route pattern (not raw URL). */
  observe: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

/** One prom-client registry per server, so several servers in one process (tests) never collide. */
export function createMetrics(options: MetricsOptions = {}): HttpMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'xinyong_decisions_total',
    help: 'Decisions answered, by action and effect',
    labelNames: ['action', 'effect'] as const,
    registers: [registry],
  });
  const ingested = new Counter({
    name: 'xinyong_ingested_records_total',
    help: 'Records received over HTTP, by outcome (accepted, updated, duplicate, rejected)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    decisions,
    ingested,
    async observe(request, reply) {
      // Unmatched URLs share one label: raw paths would let any caller grow the label set.
      const route = request.routeOptions.url ?? 'unmatched';
      duration.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    },
  };
}
