import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSubject } from '../../src/app/resolve-subject.js';
import { expectProblemShape, httpFixture, removeFixture, type HttpFixture } from './http-fixture.js';

/**
 * Due process over HTTP, as the subject, the furnisher, relying parties and the registry see it:
 * objections (disputed, lapsed into suppression, certified; withdrawn into a retraction), credit
 * repair (refused before the minimum term, decided by an admin or by the policy at the deadline),
 * and adverse-action notices. The tests run in order on one registry whose clock only moves forward.
 */

const T0 = '2026-06-01T00:00:00.000Z';
const GHOST = '0199b3a0-0000-7000-8000-000000000000';
// A dishonest debtor disputes the listing; the court never answers in time.
const DEBTOR = '11010519491231002X';
// A party to an arbitral award the commission withdraws.
const BREACHER = '110105198001010016';
// A fined person who paid and applies for repair (refused early, approved by an admin later).
const FINED = '110105198503120012';
// A serious tax violator, paid up, whose application nobody decides (the policy approves it).
const TAXED = '110105199007150022';

const debt = {
  source: 'court.enforcement', ref: '(2026)京0105执77号', type: 'judicial.dishonest_debtor', occurredAt: '2026-03-01',
  severity: 'serious', amount: 120000, subject: { kind: 'person', id: DEBTOR, name: '王五' }, attributes: { court: '北京市朝阳区人民法院' },
};
const breach = {
  source: 'arbitration.bjac', ref: 'BJAC-2026-9', type: 'commercial.contract_breach', occurredAt: '2026-01-10', severity: 'general',
  subject: { kind: 'person', id: BREACHER, name: '李四' },
};
const penalty = {
  source: 'market.samr', ref: '京市监罚〔2026〕41号', type: 'commercial.administrative_penalty', occurredAt: '2026-04-01', severity: 'general',
  amount: 5000, subject: { kind: 'person', id: FINED, name: '赵六' },
};
const paidDebt = { ...penalty, ref: '(2025)京0105执9号', source: 'court.enforcement', type: 'judicial.dishonest_debtor', severity: 'serious' };
const tax = {
  source: 'tax.bj', ref: '京税稽罚〔2025〕3号', type: 'commercial.tax_violation', occurredAt: '2025-03-01', severity: 'serious',
  amount: 300000, subject: { kind: 'person', id: TAXED, name: '钱七' },
};

interface CaseBody { id: string; kind: string; status: string; dueAt: string; recordId: string; source: string; ref: string; decidedBy?: string | null; statement?: string }
interface RecordView {
  id: string; ref: string; status: string; revision: number; revisions: number; published: boolean; publishedUntil: string | null;
  repairableFrom: string | null; statements: Array<{ objectionId: string; statement: string }>;
}
interface Report {
  records: RecordView[];
  lists: Array<{ list: string; active: boolean; endReason: string; trigger: string[] }>;
  score: { reasons: Array<{ recordId: string }> };
  objections: Array<{ id: string; status: string }>;
  repairs: Array<{ id: string; status: string; decidedBy: string | null }>;
  notices: Array<{ kind: string }>;
}
interface Notice { id: string; at: string; kind: string; subjectId: string | null; body: Record<string, unknown> }
interface Decision { effect: string; measures: Array<{ id: string; effect: string; paused?: boolean; trigger: { record?: { id: string } } }> }

let f: HttpFixture;
const keys = { admin: '', auditor: '', court: '', bjac: '', relying: '', debtor: '', breacher: '', fined: '', taxed: '' };
const subjects = { debtor: '', breacher: '', fined: '', taxed: '' };
const json = <T = Record<string, unknown>>(body: string) => JSON.parse(body) as T;
const setClock = (at: string) => {
  f.registry.clock = { now: () => at, simulated: true };
};

async function ingest(records: unknown[]) {
  const r = await f.call('POST', '/v1/records', keys.admin, records);
  expect(r.statusCode, r.body).toBe(200);
  expect(json(r.body)).toMatchObject({ rejected: 0 });
}
async function report(subjectKey: string, id: string): Promise<Report> {
  const r = await f.call('GET', `/v1/subjects/${id}/report`, subjectKey);
  expect(r.statusCode, r.body).toBe(200);
  return json<Report>(r.body);
}
const recordOf = (rep: Report, ref: string) => {
  const found = rep.records.find((r) => r.ref === ref);
  if (!found) throw new Error(`no record ${ref} in the report`);
  return found;
};
async function notices(key: string): Promise<Notice[]> {
  const r = await f.call('GET', '/v1/notices', key);
  expect(r.statusCode, r.body).toBe(200);
  return json<Notice[]>(r.body);
}
async function decide(action = 'air_travel.purchase', subject = DEBTOR): Promise<Decision & { body: string }> {
  const r = await f.call('POST', '/v1/decisions', keys.relying, { subject, action, purpose: 'ticket_sale' });
  expect(r.statusCode, r.body).toBe(200);
  return { ...json<Decision>(r.body), body: r.body };
}
async function post(url: string, key: string, body: unknown, status: number): Promise<CaseBody> {
  const r = await f.call('POST', url, key, body);
  expect(r.statusCode, r.body).toBe(status);
  return json<CaseBody>(r.body);
}
async function refused(url: string, key: string, body: unknown, status: number, code: string) {
  const r = await f.call('POST', url, key, body);
  return expect(expectProblemShape(r), r.body).toMatchObject({ status, code });
}

const ids = { debtRecord: '', breachRecord: '', penaltyRecord: '', paidDebtRecord: '', taxRecord: '', objection: '', taxRepair: '' };

beforeAll(async () => {
  f = await httpFixture({ clock: T0 });
  keys.admin = await f.key({ role: 'admin' });
  keys.auditor = await f.key({ role: 'auditor' });
  keys.court = await f.key({ role: 'furnisher', source: 'court.enforcement' });
  keys.bjac = await f.key({ role: 'furnisher', source: 'arbitration.bjac' });
  keys.relying = await f.key({ role: 'relying_party', actions: ['air_travel.purchase', 'procurement.bid'], purposes: ['ticket_sale'] });
  await ingest([debt, breach, penalty, paidDebt, tax]);
  await ingest([{ ...penalty, revision: 2, status: 'resolved' }, { ...paidDebt, revision: 2, status: 'resolved' }, { ...tax, revision: 2, status: 'resolved' }]);
  keys.debtor = await f.key({ role: 'subject', subject: DEBTOR });
  keys.breacher = await f.key({ role: 'subject', subject: BREACHER });
  keys.fined = await f.key({ role: 'subject', subject: FINED });
  keys.taxed = await f.key({ role: 'subject', subject: TAXED });
  for (const [name, id] of [['debtor', DEBTOR], ['breacher', BREACHER], ['fined', FINED], ['taxed', TAXED]] as const) {
    subjects[name] = (await resolveSubject(f.registry, id)).id;
  }
  ids.debtRecord = recordOf(await report(keys.debtor, subjects.debtor), debt.ref).id;
  ids.breachRecord = recordOf(await report(keys.breacher, subjects.breacher), breach.ref).id;
  const fined = await report(keys.fined, subjects.fined);
  ids.penaltyRecord = recordOf(fined, penalty.ref).id;
  ids.paidDebtRecord = recordOf(fined, paidDebt.ref).id;
  ids.taxRecord = recordOf(await report(keys.taxed, subjects.taxed), tax.ref).id;
});
afterAll(async () => {
  await f.close();
  removeFixture(f);
});

describe('due process over HTTP', () => {
  it('tells a newly listed debtor why, in at most four reasons, and how to contest; a denial is a notice too', async () => {
    const before = await notices(keys.debtor);
    const listed = before.find((n) => n.kind === 'adverse.list_entry');
    expect(listed, JSON.stringify(before)).toBeDefined();
    expect(listed!.subjectId).toBe(subjects.debtor);
    const body = listed!.body as { list: string; reasons: Array<{ recordId: string; ref: string; legalBasis: string }>; howToContest: string };
    expect(body.list).toBe('dishonest_judgment_debtors');
    expect(body.reasons.length).toBeGreaterThanOrEqual(1);
    expect(body.reasons.length).toBeLessThanOrEqual(4);
    expect(body.reasons[0]).toMatchObject({ recordId: ids.debtRecord, ref: debt.ref, legalBasis: expect.stringMatching(/\S/) });
    expect(body.howToContest).toMatch(/objection/);
    expect(before.some((n) => n.kind === 'adverse.decision_deny')).toBe(false);

    const denied = await decide();
    expect(denied.effect).toBe('deny');
    const deny = (await notices(keys.debtor)).find((n) => n.kind === 'adverse.decision_deny');
    expect(deny, 'a deny decision leaves a notice').toBeDefined();
    const reasons = deny!.body.reasons as Array<{ measure: string; recordId: string | null; legalBasis: string; remedy: string }>;
    expect(deny!.body).toMatchObject({ action: 'air_travel.purchase', howToContest: expect.stringMatching(/objection/) });
    expect(reasons.length).toBeGreaterThanOrEqual(1);
    expect(reasons.length).toBeLessThanOrEqual(4);
    expect(reasons[0]).toMatchObject({ measure: 'dishonest_debtor.consumption', recordId: ids.debtRecord, remedy: expect.stringContaining(debt.ref) });
  });

  it('lets a subject dispute its own record: due in 30 days, shown disputed, consumption bans paused, the furnisher told', async () => {
    const filed = await post('/v1/objections', keys.debtor, { recordId: ids.debtRecord, statement: '判决已于2026年5月履行完毕，附法院结案通知书。' }, 201);
    expect(filed).toMatchObject({ kind: 'objection', status: 'open', dueAt: '2026-07-01T00:00:00.000Z', recordId: ids.debtRecord, source: debt.source, ref: debt.ref });
    ids.objection = filed.id;

    const rec = recordOf(await report(keys.debtor, subjects.debtor), debt.ref);
    expect(rec).toMatchObject({ status: 'disputed', published: true });
    const paused = await decide();
    expect(paused.effect).not.toBe('deny');
    expect(paused.effect).toBe('allow');
    expect(paused.measures.find((m) => m.id === 'dishonest_debtor.consumption')).toMatchObject({ effect: 'deny', paused: true });

    const told = await notices(keys.court);
    expect(told.find((n) => n.kind === 'objection.filed' && n.body.objectionId === filed.id)?.body)
      .toMatchObject({ recordId: ids.debtRecord, answerBy: filed.dueAt, statement: expect.stringContaining('履行完毕') });
    const queue = await f.call('GET', '/v1/cases', keys.court);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(json<CaseBody[]>(queue.body).map((c) => c.id)).toContain(filed.id);
    const one = await f.call('GET', `/v1/cases/${filed.id}`, keys.court);
    expect(json(one.body)).toMatchObject({ id: filed.id, status: 'open' });
    // The other furnisher has nothing of it.
    expect(json<CaseBody[]>((await f.call('GET', '/v1/cases', keys.bjac)).body).map((c) => c.id)).not.toContain(filed.id);
    expect(expectProblemShape(await f.call('GET', `/v1/cases/${filed.id}`, keys.bjac))).toMatchObject({ status: 404, code: 'XY_CASE_NOT_FOUND' });
    expect((await notices(keys.debtor)).some((n) => n.kind === 'objection.filed' && n.body.objectionId === filed.id)).toBe(true);
  });

  it('refuses what due process does not allow, with stable problem codes and nothing leaked', async () => {
    // Another subject's record: not found, exactly as a record that does not exist.
    await refused('/v1/objections', keys.breacher, { recordId: ids.debtRecord, statement: 'not mine' }, 404, 'XY_RECORD_NOT_FOUND');
    await refused('/v1/objections', keys.breacher, { recordId: GHOST, statement: 'x' }, 404, 'XY_RECORD_NOT_FOUND');
    const leak = await f.call('POST', '/v1/objections', keys.breacher, { recordId: ids.debtRecord, statement: 'not mine' });
    expect(leak.body).not.toContain(debt.ref);
    expect(leak.body).not.toContain(DEBTOR);
    // Relying parties, auditors and furnishers file nothing, and are refused alike whether or not the id exists.
    for (const recordId of [ids.debtRecord, GHOST]) {
      await refused('/v1/objections', keys.relying, { recordId, statement: 'x' }, 403, 'XY_FORBIDDEN');
      await refused('/v1/objections', keys.auditor, { recordId, statement: 'x' }, 403, 'XY_FORBIDDEN');
      await refused('/v1/objections', keys.court, { recordId, statement: 'x' }, 403, 'XY_FORBIDDEN');
      await refused('/v1/repairs', keys.relying, { recordId, commitment: 'x' }, 403, 'XY_FORBIDDEN');
    }
    // Only the record's own furnisher answers; another source is told the case does not exist.
    await refused(`/v1/objections/${ids.objection}/resolution`, keys.bjac, { outcome: 'withdrawn' }, 404, 'XY_CASE_NOT_FOUND');
    await refused(`/v1/objections/${GHOST}/resolution`, keys.court, { outcome: 'upheld' }, 404, 'XY_CASE_NOT_FOUND');
    for (const caseId of [ids.objection, GHOST]) {
      await refused(`/v1/objections/${caseId}/resolution`, keys.debtor, { outcome: 'withdrawn' }, 403, 'XY_FORBIDDEN');
      await refused(`/v1/objections/${caseId}/resolution`, keys.relying, { outcome: 'withdrawn' }, 403, 'XY_FORBIDDEN');
      await refused(`/v1/objections/${caseId}/information`, keys.court, { text: 'x' }, 403, 'XY_FORBIDDEN');
    }
    // A subject adding to another subject's objection: not found.
    await refused(`/v1/objections/${ids.objection}/information`, keys.breacher, { text: 'x' }, 404, 'XY_CASE_NOT_FOUND'); // another subject's case is not found: its record stays undisclosed
    // One pending objection per record.
    await refused('/v1/objections', keys.debtor, { recordId: ids.debtRecord, statement: 'again' }, 409, 'XY_OBJECTION_EXISTS');
    // 500 characters at most (once trimmed); 500 is fine.
    await refused('/v1/objections', keys.breacher, { recordId: ids.breachRecord, statement: '误'.repeat(501) }, 400, 'XY_OBJECTION_STATEMENT');
    await refused('/v1/objections', keys.breacher, { recordId: ids.breachRecord, statement: '   ' }, 400, 'XY_OBJECTION_STATEMENT');
    // An outcome outside the three is refused by the schema.
    const unknown = await f.call('POST', `/v1/objections/${ids.objection}/resolution`, keys.court, { outcome: 'ignored' });
    expect(expectProblemShape(unknown)).toMatchObject({ status: 400 });
    expect(json<CaseBody>((await f.call('GET', `/v1/cases/${ids.objection}`, keys.debtor)).body).status).toBe('open');
    // A subject may not decide a repair application, not even its own.
    const own = await post('/v1/repairs', keys.taxed, { recordId: ids.taxRecord, commitment: '本人已缴清税款及滞纳金，承诺今后依法纳税。' }, 201);
    ids.taxRepair = own.id;
    await refused(`/v1/repairs/${own.id}/decision`, keys.taxed, { approve: true }, 403, 'XY_FORBIDDEN');
    await refused(`/v1/repairs/${own.id}/decision`, keys.court, { approve: true }, 403, 'XY_FORBIDDEN');
    expect(json<CaseBody>((await f.call('GET', `/v1/cases/${own.id}`, keys.taxed)).body).status).toBe('pending');
    // Nor a notice queue for those who receive none.
    expect(expectProblemShape(await f.call('GET', '/v1/notices', keys.relying))).toMatchObject({ status: 403, code: 'XY_FORBIDDEN' });
  });

  it('withdrawn: the furnisher retracts the record by a new revision, and it stops counting', async () => {
    const filed = await post('/v1/objections', keys.breacher, { recordId: ids.breachRecord, statement: '误'.repeat(500) }, 201);
    expect(filed.status).toBe('open');
    const before = recordOf(await report(keys.breacher, subjects.breacher), breach.ref);
    expect(before).toMatchObject({ status: 'disputed', revision: 1 });
    const answered = await post(`/v1/objections/${filed.id}/resolution`, keys.bjac, { outcome: 'withdrawn', note: '裁决已被撤销' }, 200);
    expect(answered).toMatchObject({ id: filed.id, status: 'withdrawn' });
    const after = await report(keys.breacher, subjects.breacher);
    const rec = recordOf(after, breach.ref);
    expect(rec).toMatchObject({ status: 'retracted', revision: before.revision + 1, revisions: 2, published: false });
    expect(rec.id).not.toBe(ids.breachRecord);
    expect(after.score.reasons.map((r) => r.recordId)).not.toContain(rec.id);
    expect(after.objections).toContainEqual(expect.objectContaining({ id: filed.id, status: 'withdrawn' }));
    expect(after.notices.map((n) => n.kind)).toContain('objection.withdrawn');
    // Answered once: a second answer is a state error.
    await refused(`/v1/objections/${filed.id}/resolution`, keys.bjac, { outcome: 'upheld' }, 409, 'XY_OBJECTION_STATE');
    // And a retracted record cannot be disputed again.
    await refused('/v1/objections', keys.breacher, { recordId: ids.breachRecord, statement: 'again' }, 409, 'XY_OBJECTION_NOT_ALLOWED');
  });

  it('new information extends the deadline once and tells the furnisher; a correction closes the objection', async () => {
    const filed = await post('/v1/objections', keys.fined, { recordId: ids.paidDebtRecord, statement: '已于2026年5月履行。' }, 201);
    expect(filed.dueAt).toBe('2026-07-01T00:00:00.000Z');
    const extended = await post(`/v1/objections/${filed.id}/information`, keys.fined, { text: '附法院出具的结案证明。' }, 200);
    expect(extended).toMatchObject({ id: filed.id, status: 'open', dueAt: '2026-07-16T00:00:00.000Z', additions: [{ at: T0, text: '附法院出具的结案证明。' }] });
    const again = await post(`/v1/objections/${filed.id}/information`, keys.fined, { text: '另附银行回单。' }, 200);
    expect(again.dueAt).toBe('2026-07-16T00:00:00.000Z');
    const told = (await notices(keys.court)).filter((n) => n.kind === 'objection.extended' && n.body.objectionId === filed.id);
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toMatchObject({ answerBy: '2026-07-16T00:00:00.000Z', addition: '附法院出具的结案证明。' });
    // An admin sees the source's queue and any recipient's notices, when it names them.
    const queue = await f.call('GET', `/v1/cases?source=${debt.source}`, keys.admin);
    expect(json<CaseBody[]>(queue.body).map((c) => c.id)).toEqual(expect.arrayContaining([ids.objection, filed.id]));
    expect(expectProblemShape(await f.call('GET', '/v1/cases', keys.admin))).toMatchObject({ status: 400, code: 'XY_BAD_ARGUMENT' });
    const theirs = json<Notice[]>((await f.call('GET', `/v1/notices?recipient=subject:${subjects.fined}`, keys.admin)).body);
    expect(theirs.map((n) => n.kind)).toContain('objection.filed');
    expect(expectProblemShape(await f.call('GET', `/v1/notices?recipient=subject:${subjects.fined}`, keys.auditor))).toMatchObject({ status: 403 });

    const corrected = await post(`/v1/objections/${filed.id}/resolution`, keys.court, { outcome: 'corrected', note: '将更正履行状态' }, 200);
    expect(corrected).toMatchObject({ status: 'corrected' });
    const rep = await report(keys.fined, subjects.fined);
    expect(recordOf(rep, paidDebt.ref)).toMatchObject({ status: 'resolved', statements: [] });
    expect(rep.notices.map((n) => n.kind)).toContain('objection.corrected');
    await refused(`/v1/objections/${filed.id}/information`, keys.fined, { text: 'late' }, 409, 'XY_OBJECTION_STATE');
  });

  it('refuses a repair before the minimum term (naming the date), and of a record type that is never repaired', async () => {
    const fined = recordOf(await report(keys.fined, subjects.fined), penalty.ref);
    expect(fined).toMatchObject({ status: 'resolved', repairableFrom: '2026-07-01T00:00:00.000Z', published: true });
    const early = await f.call('POST', '/v1/repairs', keys.fined, { recordId: ids.penaltyRecord, commitment: '已缴纳罚款，承诺守法经营。' });
    const problem = expectProblemShape(early);
    expect(problem).toMatchObject({ status: 409, code: 'XY_REPAIR_NOT_ELIGIBLE' });
    expect(String(problem.detail)).toContain('2026-07-01');
    const judicial = await f.call('POST', '/v1/repairs', keys.fined, { recordId: ids.paidDebtRecord, commitment: '已履行判决。' });
    expect(expectProblemShape(judicial)).toMatchObject({ status: 409, code: 'XY_REPAIR_NOT_ELIGIBLE' });
    expect(judicial.body).toContain('judicial.dishonest_debtor');
    // An active (unresolved) record cannot be repaired either.
    await refused('/v1/repairs', keys.debtor, { recordId: ids.debtRecord, commitment: 'x' }, 409, 'XY_REPAIR_NOT_ELIGIBLE');
  });

  it('no answer by the deadline: the tick suppresses the record, tells the subject, and decisions stop citing it', async () => {
    setClock('2026-07-02T00:00:00.000Z');
    const summary = await f.service.tick();
    expect(summary).toMatchObject({ lapsed: 1, repairsDecided: 1 });
    const rep = await report(keys.debtor, subjects.debtor);
    expect(recordOf(rep, debt.ref)).toMatchObject({ status: 'suppressed', published: false, statements: [] });
    expect(rep.objections).toContainEqual(expect.objectContaining({ id: ids.objection, status: 'lapsed' }));
    expect(rep.score.reasons.map((r) => r.recordId)).not.toContain(ids.debtRecord);
    expect(rep.lists.filter((l) => l.active)).toEqual([]);
    const lapsed = (await notices(keys.debtor)).find((n) => n.kind === 'objection.lapsed');
    expect(lapsed?.body).toMatchObject({ objectionId: ids.objection, recordId: ids.debtRecord });
    expect(lapsed?.at).toBe('2026-07-01T00:00:00.000Z');
    const d = await decide();
    expect(d.effect).toBe('allow');
    expect(d.measures).toEqual([]);
    expect(d.body).not.toContain(ids.debtRecord);
    expect(d.body).not.toContain(debt.ref);
    // A second tick at the same instant changes nothing.
    expect(await f.service.tick()).toMatchObject({ lapsed: 0, repairsDecided: 0 });
  });

  it('the furnisher certifies the lapsed record: it counts again, with the subject\'s statement beside it', async () => {
    const certified = await post(`/v1/objections/${ids.objection}/resolution`, keys.court, { outcome: 'upheld', note: '尚未履行' }, 200);
    expect(certified).toMatchObject({ id: ids.objection, status: 'certified' });
    const rep = await report(keys.debtor, subjects.debtor);
    const rec = recordOf(rep, debt.ref);
    expect(rec).toMatchObject({ status: 'active', published: true });
    expect(rec.statements).toEqual([expect.objectContaining({ objectionId: ids.objection, statement: expect.stringContaining('履行完毕') })]);
    expect(rep.score.reasons.map((r) => r.recordId)).toContain(ids.debtRecord);
    expect(rep.lists.filter((l) => l.active).map((l) => l.list)).toEqual(['dishonest_judgment_debtors']);
    expect(rep.notices.map((n) => n.kind)).toContain('objection.certified');
    const d = await decide();
    expect(d.effect).toBe('deny');
    expect(d.measures[0]).toMatchObject({ id: 'dishonest_debtor.consumption', trigger: { record: { id: ids.debtRecord } } });
    expect(d.measures[0]!.paused).toBeUndefined();
    // Out of the furnisher's queue once answered.
    expect(json<CaseBody[]>((await f.call('GET', '/v1/cases', keys.court)).body).map((c) => c.id)).not.toContain(ids.objection);
  });

  it('a repair application nobody decides is approved by the policy at its deadline', async () => {
    const decided = json<CaseBody>((await f.call('GET', `/v1/cases/${ids.taxRepair}`, keys.taxed)).body);
    // Applied Monday 1 June (08:00 in Beijing): 3 working days are 2, 3 and 4 June, due at the end of the 4th.
    expect(decided).toMatchObject({ kind: 'repair', status: 'approved', decidedBy: 'policy', dueAt: '2026-06-04T16:00:00.000Z' });
    const rep = await report(keys.taxed, subjects.taxed);
    expect(recordOf(rep, tax.ref)).toMatchObject({ status: 'repaired', published: false });
    expect(rep.repairs).toEqual([expect.objectContaining({ id: ids.taxRepair, status: 'approved', decidedBy: 'policy' })]);
    expect(rep.score.reasons.map((r) => r.recordId)).not.toContain(ids.taxRecord);
    expect(rep.notices.map((n) => n.kind)).toContain('repair.approved');
    // Its list entry had already ended when the tax was paid (resolution ends a listing at once).
    const entries = rep.lists.filter((l) => l.trigger.includes(ids.taxRecord));
    expect(entries.map((l) => l.list)).toEqual(['major_tax_violation']);
    expect(entries.every((l) => !l.active)).toBe(true);
    // Decided: the admin cannot decide it again.
    await refused(`/v1/repairs/${ids.taxRepair}/decision`, keys.admin, { approve: false }, 409, 'XY_REPAIR_STATE');
    await refused('/v1/repairs', keys.taxed, { recordId: ids.taxRecord, commitment: 'again' }, 409, 'XY_REPAIR_EXISTS');
  });

  it('repairs a resolved penalty after its minimum term: pending for 3 working days, then approved by an admin', async () => {
    setClock('2026-07-06T02:00:00.000Z'); // Monday, 10:00 in Beijing
    const applied = await post('/v1/repairs', keys.fined, { recordId: ids.penaltyRecord, commitment: '已缴纳罚款，承诺守法经营。' }, 201);
    // Tuesday 7, Wednesday 8, Thursday 9 July: due at the end of Thursday, Beijing time.
    expect(applied).toMatchObject({ kind: 'repair', status: 'pending', dueAt: '2026-07-09T16:00:00.000Z', recordId: ids.penaltyRecord });
    expect(recordOf(await report(keys.fined, subjects.fined), penalty.ref)).toMatchObject({ status: 'resolved', published: true });

    const approved = await post(`/v1/repairs/${applied.id}/decision`, keys.admin, { approve: true, note: '材料齐全' }, 200);
    // Decided by the admin key that approved it (its id is the hex part of xyk_<id>_<secret>).
    expect(approved).toMatchObject({ id: applied.id, status: 'approved', decidedBy: keys.admin.slice(4, 20) });
    const rep = await report(keys.fined, subjects.fined);
    const rec = recordOf(rep, penalty.ref);
    expect(rec).toMatchObject({ status: 'repaired', published: false });
    expect(rep.score.reasons.map((r) => r.recordId)).not.toContain(rec.id);
    expect(rep.lists.filter((l) => l.trigger.includes(rec.id) && l.active)).toEqual([]);
    expect(rep.notices.map((n) => n.kind)).toEqual(expect.arrayContaining(['repair.pending', 'repair.approved']));
    // The tick at its deadline leaves an admin's decision alone.
    setClock('2026-07-10T00:00:00.000Z');
    expect(await f.service.tick()).toMatchObject({ repairsDecided: 0 });
    expect(json<CaseBody>((await f.call('GET', `/v1/cases/${applied.id}`, keys.fined)).body)).toMatchObject({ status: 'approved', decidedBy: approved.decidedBy });
  });

  it('documents the due-process routes in OpenAPI', async () => {
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>((await f.call('GET', '/docs/json')).body);
    const routes: Array<[string, string]> = [
      ['/v1/objections', 'post'], ['/v1/objections/{id}/information', 'post'], ['/v1/objections/{id}/resolution', 'post'],
      ['/v1/repairs', 'post'], ['/v1/repairs/{id}/decision', 'post'], ['/v1/cases/{id}', 'get'], ['/v1/cases', 'get'], ['/v1/notices', 'get'],
    ];
    for (const [path, method] of routes) expect(doc.paths[path], path).toHaveProperty([method]);
    expect(Object.keys(doc.paths['/v1/objections']!.post as object)).toContain('requestBody');
  });
});
