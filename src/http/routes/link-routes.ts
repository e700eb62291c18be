import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { reviewView } from '../../app/linkage/linkage-view.js';
import { principalOf } from '../authenticate.js';
import type { RouteDeps } from '../route-deps.js';
import { bearer, Nullable, Open, problems, SubjectParams } from '../schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Comparison = Type.Object({ field: Type.String(), level: Type.String(), weight: Type.Number(), text: Type.String() });
const Subject = Nullable(Type.Object({
  id: Type.String(), kind: Type.String(), idKind: Nullable(Type.String()),
  identity: Nullable(Type.String({ description: 'masked' })), name: Nullable(Type.String()), createdAt: Type.String(),
}));
const Review = Type.Object({
  id: Type.String(), subjectId: Type.String(), candidateId: Type.String(), status: Type.String(), basis: Type.String(),
  weight: Nullable(Type.Number({ description: 'match weight in bits' })), comparisons: Type.Array(Comparison),
}, Open);
const Link = Type.Object({
  id: Type.String(), subjectId: Type.String(), targetId: Type.String(), basis: Type.String(), weight: Nullable(Type.Number()),
  linkedAt: Type.String(), linkedBy: Type.String(), unlinkedAt: Nullable(Type.String()),
}, Open);

const tags = ['identity links'];
const writeErrors = problems(400, 401, 403, 404, 409, 429, 503);

/** The link review queue and linking by hand (the registry: admin keys). */
export function linkRoutes({ service }: RouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/links/reviews', {
      schema: {
        summary: 'Open link reviews, oldest first, with both subjects and each comparison', tags, security: bearer,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), after: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ review: Review, subject: Subject, candidate: Subject })), next: Nullable(Type.String()) }), ...problems(400, 401, 403, 429, 503) },
      },
    }, async (request) => {
      const limit = request.query.limit ?? 50;
      const items = await service.links.queue(principalOf(request), limit, request.query.after);
      return { items, next: items.length === limit ? items.at(-1)!.review.id : null };
    });

    app.post('/links/reviews/:id/decision', {
      schema: {
        summary: 'Decide a review: link the provisional subject into the candidate, or reject', tags, security: bearer,
        params: Type.Object({ id: Id }),
        body: Type.Object({ outcome: Type.Union([Type.Literal('link'), Type.Literal('reject')]), note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 200: Review, ...writeErrors },
      },
    }, async (request) => reviewView(await service.links.decideReview(principalOf(request), request.params.id, request.body)));

    app.post('/subjects/:id/link', {
      schema: {
        summary: 'Link a provisional subject into another (its records then count there)', tags, security: bearer, params: SubjectParams,
        body: Type.Object({ into: Id, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 200: Link, ...writeErrors },
      },
    }, async (request) => service.links.link(principalOf(request), request.params.id.toLowerCase(), request.body.into.toLowerCase(), request.body.note));

    app.post('/subjects/:id/unlink', {
      schema: {
        summary: "End a subject's link: its records count as its own again", tags, security: bearer, params: SubjectParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Link, ...writeErrors },
      },
    }, async (request) => service.links.unlink(principalOf(request), request.params.id.toLowerCase(), request.body.reason));
  };
}
