import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { IngestSummary } from '../../app/ingest/ingest-records.js';
import { principalOf } from '../authenticate.js';
import { JsonLine, jsonLinesParser } from '../json-lines-parser.js';
import { HttpErrors, HttpProblem } from '../problem.js';
import type { RouteDeps } from '../route-deps.js';
import { bearer, problems } from '../schemas.js';

export interface RecordRoutesOptions extends RouteDeps {
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
        response: { 200: IngestSummarySchema, ...problems(400, 401, 403, 413, 415, 429, 503) },
      },
      // Too many records is a size problem like an oversized body, so both answer 413.
      preValidation: async (request) => {
        if (Array.isArray(request.body) && request.body.length > maxRecords) throw new HttpProblem(HttpErrors.TOO_MANY_RECORDS(maxRecords));
      },
    }, async (request) => {
      const principal = principalOf(request);
      const items = request.body.map((x, i) => (x instanceof JsonLine ? x : new JsonLine(i + 1, x)));
      const readable = items.filter((x) => !x.error);
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
