import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../authenticate.js';
import type { RouteDeps } from '../route-deps.js';
import { bearer, Nullable, Open, problems, PurposeQuery, SubjectParams } from '../schemas.js';

// Closed on purpose: a field added to the row (a sealed number, say) is dropped, not published.
const SubjectView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  idKind: Nullable(Type.String()),
  identity: Nullable(Type.String({ description: 'masked, unless the caller is the subject itself' })),
  name: Nullable(Type.String()),
  createdAt: Type.String(),
});

const Score = Type.Object({
  subject: Type.String(),
  score: Type.Number(),
  grade: Type.String(),
  dimensions: Type.Record(Type.String(), Type.Number()),
  reasons: Type.Array(Type.Object({
    code: Type.String(), recordId: Type.String(), dimension: Type.String(), points: Type.Number(), text: Type.String(),
  }, Open)),
  policyVersion: Type.String(),
  asOf: Type.String(),
}, Open);

const Report = Type.Object({
  subject: SubjectView,
  asOf: Type.String(),
  policyVersion: Type.String(),
  records: Type.Array(Type.Object({ id: Type.String(), source: Type.String(), ref: Type.String(), type: Type.String(), status: Type.String() }, Open)),
  lists: Type.Array(Type.Object({}, Open)),
  warnings: Type.Array(Type.Unknown()),
  score: Score,
  history: Type.Array(Type.Unknown()),
  relations: Type.Array(Type.Object({}, Open)),
  objections: Type.Array(Type.Object({ id: Type.String(), status: Type.String(), dueAt: Type.String() }, Open)),
  repairs: Type.Array(Type.Object({ id: Type.String(), status: Type.String(), dueAt: Type.String() }, Open)),
  notices: Type.Array(Type.Object({ at: Type.String(), kind: Type.String() }, Open), { description: 'adverse-change, case and warning notices to the subject' }),
  links: Type.Object({
    linkedInto: Nullable(Type.Object({}, Open)),
    history: Type.Array(Type.Object({}, Open), { description: 'every identity link into or out of this subject, with its match weight and comparisons' }),
    reviews: Type.Array(Type.Object({}, Open)),
  }, Open),
  accessLog: Type.Array(Type.Object({
    at: Type.String(), actor: Type.String(), role: Type.String(), action: Type.String(), purpose: Nullable(Type.String()),
  }), { description: 'who read or decided on this file, newest first' }),
}, Open);

const readErrors = problems(400, 401, 403, 404, 429, 503);
const schema = <R>(summary: string, response: R) => ({
  summary, tags: ['subjects'], security: bearer, params: SubjectParams, querystring: PurposeQuery,
  response: { 200: response, ...readErrors },
});

/** A subject's file by registry id; admins name a purpose, a subject key reads only its own file. */
export function subjectRoutes({ service }: RouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/subjects/:id', { schema: schema('A subject', SubjectView) }, async (request) =>
      service.subject(principalOf(request), request.params.id.toLowerCase(), request.query.purpose));
    app.get('/subjects/:id/report', { schema: schema('Everything held on a subject, and who looked', Report) }, async (request) =>
      service.report(principalOf(request), request.params.id.toLowerCase(), request.query.purpose));
    app.get('/subjects/:id/score', { schema: schema('Score with reasons', Score) }, async (request) =>
      service.score(principalOf(request), request.params.id.toLowerCase(), request.query.purpose));
  };
}
