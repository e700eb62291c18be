import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { DueProcessCase } from '../../core/due-process/case-types.js';
import { principalOf } from '../authenticate.js';
import type { RouteDeps } from '../route-deps.js';
import { bearer, Nullable, Open, problems } from '../schemas.js';

const CaseId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

// What the subject and the furnisher both see of a case; the full case is small and theirs.
const CaseView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('objection'), Type.Literal('repair')]),
  status: Type.String(),
  dueAt: Type.String({ description: 'the furnisher must answer (objection) or the registry decide (repair) by then' }),
  subjectId: Type.String(),
  recordId: Type.String(),
  source: Type.String(),
  ref: Type.String(),
  type: Type.String(),
}, Open);

const writeErrors = problems(400, 401, 403, 404, 409, 429, 503);
const tags = ['due process'];
const view = (c: DueProcessCase) => c;

/** Objections (the subject disputes, the furnisher answers) and credit repair applications. */
export function caseRoutes({ service }: RouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/objections', {
      schema: {
        summary: 'Dispute a record (the subject)', tags, security: bearer,
        body: Type.Object({
          recordId: Type.String({ minLength: 1, maxLength: 64 }),
          statement: Type.String({ minLength: 1, maxLength: 2000, description: 'up to 500 characters once trimmed' }),
        }, { additionalProperties: false }),
        response: { 201: CaseView, ...writeErrors },
      },
    }, async (request, reply) => reply.code(201).send(view(await service.cases.fileObjection(principalOf(request), request.body))));

    app.post('/objections/:id/information', {
      schema: {
        summary: 'Add new information to an open objection (extends the deadline once)', tags, security: bearer, params: CaseId,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: CaseView, ...writeErrors },
      },
    }, async (request) => view(await service.cases.addInformation(principalOf(request), request.params.id, request.body.text)));

    app.post('/objections/:id/resolution', {
      schema: {
        summary: 'Answer an objection (the furnisher of the record)', tags, security: bearer, params: CaseId,
        body: Type.Object({
          outcome: Type.Union([Type.Literal('upheld'), Type.Literal('corrected'), Type.Literal('withdrawn')]),
          note: Type.Optional(Type.String({ maxLength: 2000 })),
        }, { additionalProperties: false }),
        response: { 200: CaseView, ...writeErrors },
      },
    }, async (request) => view(await service.cases.answerObjection(principalOf(request), request.params.id, request.body)));

    app.post('/repairs', {
      schema: {
        summary: 'Apply for credit repair of a resolved record (the subject)', tags, security: bearer,
        body: Type.Object({
          recordId: Type.String({ minLength: 1, maxLength: 64 }),
          commitment: Type.String({ minLength: 1, maxLength: 4000, description: 'the written commitment (信用承诺), up to 2000 characters' }),
        }, { additionalProperties: false }),
        response: { 201: CaseView, ...writeErrors },
      },
    }, async (request, reply) => reply.code(201).send(view(await service.cases.applyForRepair(principalOf(request), request.body))));

    app.post('/repairs/:id/decision', {
      schema: {
        summary: 'Decide a repair application (the registry)', tags, security: bearer, params: CaseId,
        body: Type.Object({ approve: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 200: CaseView, ...writeErrors },
      },
    }, async (request) => view(await service.cases.decideRepair(principalOf(request), request.params.id, request.body)));

    app.get('/cases/:id', {
      schema: { summary: 'One objection or repair, as it stands now', tags, security: bearer, params: CaseId, response: { 200: CaseView, ...problems(401, 403, 404, 429, 503) } },
    }, async (request) => view(await service.cases.case(principalOf(request), request.params.id)));

    app.get('/cases', {
      schema: {
        summary: "A furnisher's open objections and repairs (admins name the source)", tags, security: bearer,
        querystring: Type.Object({ source: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }),
        response: { 200: Type.Array(CaseView), ...problems(400, 401, 403, 429, 503) },
      },
    }, async (request) => (await service.cases.openCasesOf(principalOf(request), request.query.source, request.query.limit)).map(view));

    app.get('/notices', {
      schema: {
        summary: "The caller's notices: a subject's adverse-change and case notices, a furnisher's objections to answer", tags, security: bearer,
        querystring: Type.Object({
          recipient: Type.Optional(Type.String({ pattern: '^(subject|source):[A-Za-z0-9._-]{1,100}$', description: 'admins only' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }, { additionalProperties: false }),
        response: {
          200: Type.Array(Type.Object({ id: Type.String(), at: Type.String(), kind: Type.String(), subjectId: Nullable(Type.String()), body: Type.Object({}, Open) })),
          ...problems(400, 401, 403, 429, 503),
        },
      },
    }, async (request) => (await service.notices(principalOf(request), request.query.recipient, request.query.limit))
      .map((n) => ({ id: n.id, at: n.at, kind: n.kind, subjectId: n.subjectId, body: n.body })));
  };
}
