import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { IngestSummary } from '../../app/ingest/ingest-records.js';
import { principalOf } from '../authenticate.js';
import { JsonLine, jsonLinesParser } from '../json-lines-parser.js';
import { HttpErrors, HttpProblem } from '../problem.js';
import type { RouteDeps } from '../route-deps.js';
import type { RecordStream } from '../../ports/record-stream.js';
import { bearer, problems } from '../schemas.js';

export interface RecordRoutesOptions extends RouteDeps {
  /** When set, accepted records are published to this stream (202) for the workers to apply, instead of stored here. */
  stream?: RecordStream | undefined;
  /** Records per request; more are refused whole (413), so one request is one bounded unit of work. */
  maxRecords?: number;
  bodyLimitBytes?: number;
}

const IngestSummarySchema = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  updated: Type.Integer(),
  rejected: Type.Integer(),
  errors: Type.Array(Type.Object({
    line: Type.Integer({ description: 'line of the JSON Lines body, or 1-based position in the JSON array' }),
    code: Type.String(),
    message: Type.String(),
  })),
  errorsOmitted: Type.Integer(),
});

const QueuedSchema = Type.Object({
  queued: Type.Integer({ description: 'records published to the record stream; a worker stores them (duplicates and conflicts are decided there)' }),
  rejected: Type.Integer(),
  errors: IngestSummarySchema.properties.errors,
  errorsOmitted: Type.Integer(),
}, { description: 'when the server ingests through the record stream' });

/** POST /v1/records: a JSON array of records, or JSON Lines (`application/x-ndjson`). */
export function recordRoutes(options: RecordRoutesOptions): FastifyPluginAsyncTypebox {
  const maxRecords = options.maxRecords ?? 10_000;
  const bodyLimit = options.bodyLimitBytes ?? 10 * 1024 * 1024;
  const { service, metrics } = options;
  return async (app) => {
    app.addContentTypeParser(['application/x-ndjson', 'application/jsonl'], { parseAs: 'buffer', bodyLimit }, jsonLinesParser({ maxRecords }));
    app.post('/records', {
      bodyLimit,
      schema: {
        summary: 'Furnish records',
        description: 'A JSON array of records, or JSON Lines with content type application/x-ndjson (one record a line). ' +
          'Each record gets an outcome; a rejected one is listed with its line and code, and the rest are stored (200). ' +
          'A furnisher key writes only records of its own source.',
        tags: ['records'],
        security: bearer,
        consumes: ['application/json', 'application/x-ndjson'],
        body: Type.Array(Type.Unknown(), { maxItems: maxRecords, description: 'records in the contract form (design section 3)' }),
        response: { 200: IngestSummarySchema, 202: QueuedSchema, ...problems(400, 401, 403, 413, 415, 429, 503) },
      },
      // Too many records is a size problem like an oversized body, so both answer 413.
      preValidation: async (request) => {
        if (Array.isArray(request.body) && request.body.length > maxRecords) throw new HttpProblem(HttpErrors.TOO_MANY_RECORDS(maxRecords));
      },
    }, async (request, reply) => {
      const principal = principalOf(request);
      const items = request.body.map((x, i) => (x instanceof JsonLine ? x : new JsonLine(i + 1, x)));
      const readable = items.filter((x) => !x.error);
      if (options.stream) {
        // Through the stream: refused lines are answered now; the rest are stored by a worker.
        const { valid, summary } = await service.screen(principal, readable.map((x) => x.raw));
        await options.stream.publish(valid);
        merge(summary, readable, items);
        metrics.ingested.inc({ outcome: 'queued' }, valid.length);
        metrics.ingested.inc({ outcome: 'rejected' }, summary.rejected);
        return reply.code(202).send({ queued: valid.length, rejected: summary.rejected, errors: summary.errors, errorsOmitted: summary.errorsOmitted });
      }
      const summary = await service.ingest(principal, readable.map((x) => x.raw));
      merge(summary, readable, items);
      metrics.ingested.inc({ outcome: 'accepted' }, summary.accepted);
      metrics.ingested.inc({ outcome: 'updated' }, summary.updated);
      metrics.ingested.inc({ outcome: 'duplicate' }, summary.duplicates);
      metrics.ingested.inc({ outcome: 'rejected' }, summary.rejected);
      return summary;
    });
  };
}

/** The service numbers what it was given; give errors the caller's line numbers, with unreadable lines in place. */
function merge(summary: IngestSummary, readable: JsonLine[], items: JsonLine[]): void {
  for (const e of summary.errors) e.line = readable[e.line - 1]?.line ?? e.line;
  for (const x of items) {
    if (!x.error) continue;
    summary.rejected++;
    summary.errors.push({ line: x.line, code: x.error.code, message: x.error.message });
  }
  summary.errors.sort((a, b) => a.line - b.line);
}
