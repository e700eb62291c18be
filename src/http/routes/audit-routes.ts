import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../authenticate.js';
import { HttpErrors, HttpProblem } from '../problem.js';
import type { RouteDeps } from '../route-deps.js';
import { bearer, Nullable, problems } from '../schemas.js';

const Checkpoint = Type.Object({
  treeSize: Type.Integer(),
  rootHash: Type.String({ description: 'RFC 9162 Merkle tree head, hex' }),
  at: Type.String(),
  keyId: Type.String(),
  signature: Type.String({ description: 'Ed25519, base64, over the canonical JSON of {treeSize, rootHash, at, keyId}' }),
});

const AuditEvent = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  role: Type.String(),
  action: Type.String(),
  subjectId: Nullable(Type.String()),
  purpose: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  simulated: Type.Boolean(),
  prevHash: Type.String(),
  hash: Type.String(),
});

const Proof = Type.Object({
  seq: Type.Integer(),
  treeSize: Type.Integer(),
  rootHash: Type.String(),
  proof: Type.Array(Type.String(), { description: 'RFC 9162 inclusion proof, hex hashes' }),
});

const errors = problems(400, 401, 403, 429, 503);
const common = { tags: ['audit'], security: bearer };

/** The tamper-evident audit log, for auditor and admin keys. */
export function auditRoutes({ service }: RouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/audit/checkpoint', {
      schema: { ...common, summary: 'Latest signed checkpoint', response: { 200: Checkpoint, ...errors, ...problems(404) } },
    }, async (request) => {
      const checkpoint = await service.checkpoint(principalOf(request));
      if (!checkpoint) throw new HttpProblem(HttpErrors.CHECKPOINT_NOT_FOUND());
      return checkpoint;
    });

    app.get('/audit/events', {
      schema: {
        ...common, summary: 'Audit events in order',
        querystring: Type.Object({
          from: Type.Optional(Type.Integer({ minimum: 0, description: 'first seq (default 0)' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'default 100' })),
        }),
        response: { 200: Type.Object({ events: Type.Array(AuditEvent), next: Nullable(Type.Integer({ description: 'seq to ask for next; null at the end' })) }), ...errors },
      },
    }, async (request) => {
      const { from = 0, limit = 100 } = request.query;
      const events = await service.auditEvents(principalOf(request), from, limit);
      const last = events.at(-1);
      return { events, next: last && events.length === limit ? last.seq + 1 : null };
    });

    app.get('/audit/proof/:seq', {
      schema: {
        ...common, summary: 'Inclusion proof of one event in the latest checkpoint',
        params: Type.Object({ seq: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) }),
        response: { 200: Proof, ...errors },
      },
    }, async (request) => service.inclusionProof(principalOf(request), request.params.seq));
  };
}
