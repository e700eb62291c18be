import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DashboardReads, type DashboardOptions } from '../../app/dashboard-reads.js';
import { principalOf } from '../authenticate.js';
import type { RouteDeps } from '../route-deps.js';
import { bearer, Nullable, Open, problems } from '../schemas.js';

export interface DashboardRoutesOptions extends RouteDeps, DashboardOptions {
  /** How often the name index catches up with new subjects in the background, in ms (default 30 s; 0 = only when searching). */
  searchIndexEveryMs?: number;
}

const tags = ['dashboard'];
const Purpose = Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'why the subjects are read (logged in each one\'s access log)' }));
const Cursor = Type.Optional(Type.String({ maxLength: 2000, description: 'the `next` of the previous page' }));
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'default 20' }));
const SubjectHit = Type.Object({
  id: Type.String(), kind: Type.String(), idKind: Nullable(Type.String()), identity: Nullable(Type.String({ description: 'masked' })),
  name: Nullable(Type.String()), createdAt: Type.String(), score: Nullable(Type.Number()), grade: Nullable(Type.String()),
});
const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item), next: Nullable(Type.String()) }, Open);

/**
 * What the web dashboard needs beyond one subject's file: who am I, subject search, list pages,
 * population overview and policy simulation. Identity numbers travel in bodies, never in URLs.
 */
export function dashboardRoutes(options: DashboardRoutesOptions): FastifyPluginAsyncTypebox {
  const reads = new DashboardReads(options.service, options);
  return async (app) => {
    keepIndexed(app, reads, options.searchIndexEveryMs ?? 30_000);

    app.get('/me', {
      schema: {
        summary: "The calling key's grant (what the interface may offer)", tags, security: bearer,
        response: {
          200: Type.Object({
            keyId: Type.String(), role: Type.String(), label: Nullable(Type.String()), subjectId: Nullable(Type.String()),
            source: Nullable(Type.String()), actions: Type.Array(Type.String()), purposes: Type.Array(Type.String()),
          }),
          ...problems(401, 429),
        },
      },
    }, async (request) => reads.whoami(principalOf(request)));

    app.post('/subjects/search', {
      schema: {
        summary: 'Find subjects by registry id, identity number or name (hanzi or pinyin prefix); admins', tags, security: bearer,
        body: Type.Object({
          query: Type.String({ minLength: 1, maxLength: 100 }), purpose: Purpose, after: Cursor, limit: Limit,
        }, { additionalProperties: false }),
        response: { 200: Page(SubjectHit), ...problems(400, 401, 403, 429, 503) },
      },
    }, async (request) => reads.searchSubjects(principalOf(request), request.body));

    app.get('/lists/:list/entries', {
      schema: {
        summary: "A list's entries in force, ending soonest first, by page; admins", tags, security: bearer,
        params: Type.Object({ list: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }) }),
        querystring: Type.Object({ purpose: Purpose, after: Cursor, limit: Limit }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            asOf: Type.String(),
            items: Type.Array(Type.Object({
              subject: Type.Object({ id: Type.String(), kind: Type.String(), identity: Nullable(Type.String()), name: Nullable(Type.String()) }, Open),
              list: Type.String(), kind: Type.String(), startedAt: Type.String(), endsAt: Type.String(), endReason: Type.String(),
            })),
            next: Nullable(Type.String()),
          }),
          ...problems(400, 401, 403, 404, 429, 503),
        },
      },
    }, async (request) => reads.listPage(principalOf(request), request.params.list, request.query));

    app.get('/overview', {
      schema: {
        summary: 'Population overview: grade distribution, list sizes, records per source and month; admins and auditors', tags, security: bearer,
        response: {
          200: Type.Object({
            asOf: Type.String(), policyVersion: Type.String(), subjects: Type.Integer(),
            grades: Type.Array(Type.Object({ grade: Type.String(), count: Type.Integer() })),
            lists: Type.Array(Type.Object({ list: Type.String(), kind: Type.String(), description: Type.String(), count: Type.Integer() })),
            recordsBySource: Type.Array(Type.Object({ source: Type.String(), month: Type.String(), count: Type.Integer() })),
          }),
          ...problems(401, 403, 429, 503),
        },
      },
    }, async (request) => reads.overview(principalOf(request)));

    app.get('/policy', {
      schema: {
        summary: 'The active policy and every version kept; admins and auditors', tags, security: bearer,
        response: {
          200: Type.Object({
            version: Type.String(), name: Type.String(), createdAt: Type.String(), sourceText: Type.String(),
            versions: Type.Array(Type.Object({ version: Type.String(), name: Type.String(), createdAt: Type.String(), activatedAt: Type.Array(Type.String()) })),
          }),
          ...problems(401, 403, 429, 503),
        },
      },
    }, async (request) => reads.policy(principalOf(request)));

    app.post('/policy/simulations', {
      schema: {
        summary: 'Simulate a candidate policy (YAML) against the active one; nothing is stored; admins', tags, security: bearer,
        body: Type.Object({ yaml: Type.String({ minLength: 1, maxLength: 512 * 1024 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            activeVersion: Type.String(), candidateVersion: Type.String(), asOf: Type.String(), subjects: Type.Integer(),
            limit: Type.Integer({ description: 'at most this many subjects, in id order, were compared' }),
            grades: Type.Object({}, Open), lists: Type.Object({}, Open), decisions: Type.Object({}, Open),
          }),
          ...problems(400, 401, 403, 429, 503),
        },
      },
    }, async (request) => reads.simulate(principalOf(request), request.body.yaml));
  };
}

/** Index new subjects' names in the background (and recheck the last moments): quickly while behind, then every `everyMs`. */
function keepIndexed(app: Parameters<FastifyPluginAsyncTypebox>[0], reads: DashboardReads, everyMs: number): void {
  if (everyMs <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const run = (delay: number) => {
    timer = setTimeout(() => {
      reads.search.recheck().then(() => reads.search.catchUp(20)).then(
        (done) => { if (!closed) run(done ? everyMs : 0); },
        (err: unknown) => { app.log.warn({ err }, 'subject name index catch-up failed'); if (!closed) run(everyMs); },
      );
    }, delay);
    timer.unref();
  };
  app.addHook('onReady', async () => run(1000));
  app.addHook('onClose', async () => {
    closed = true;
    clearTimeout(timer);
    await reads.search.idle();
  });
}
