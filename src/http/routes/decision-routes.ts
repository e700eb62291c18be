import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../authenticate.js';
import type { RouteDeps } from '../route-deps.js';
import { bearer, Open, problems } from '../schemas.js';

const DecisionRequest = Type.Object({
  subject: Type.String({ minLength: 1, maxLength: 64, description: 'registry subject id, resident ID or USCC (in the body, never the URL)' }),
  action: Type.String({ minLength: 1, maxLength: 100 }),
  purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
}, { additionalProperties: false });

const Decision = Type.Object({
  subject: Type.String(),
  action: Type.String(),
  effect: Type.Union([Type.Literal('allow'), Type.Literal('deny'), Type.Literal('review'), Type.Literal('benefit')]),
  measures: Type.Array(Type.Object({
    id: Type.String(), kind: Type.String(), effect: Type.String(), legalBasis: Type.String(), remedy: Type.String(),
  }, Open)),
  policyVersion: Type.String(),
  asOf: Type.String(),
});

/** POST /v1/decisions: may this subject do this action? Answered with every measure explained. */
export function decisionRoutes({ service, metrics }: RouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/decisions', {
      schema: {
        summary: 'Decide an action for a subject', tags: ['decisions'], security: bearer,
        body: DecisionRequest,
        response: { 200: Decision, ...problems(400, 401, 403, 404, 429, 503) },
      },
    }, async (request) => {
      const decision = await service.decide(principalOf(request), request.body);
      metrics.decisions.inc({ action: decision.action, effect: decision.effect });
      return decision;
    });
  };
}
