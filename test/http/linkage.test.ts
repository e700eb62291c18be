import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStoredLog } from '../../src/app/verify-audit.js';
import { expectProblemShape, httpFixture, removeFixture, type HttpFixture } from './http-fixture.js';

/**
 * Identity linkage in the registry, end to end over HTTP: records about people without a full
 * number are linked automatically, queued for review or kept apart; a link moves the records'
 * consequences to the subject, unlinking moves them back; the report explains each link.
 */
const ZHANG = '440582198001011239'; // 张伟明, born 1980-01-01 in 潮阳区 (440582)
const LI = '440582198001011255';
const masked = (n: string) => `${n.slice(0, 4)}**********${n.slice(-4)}`;
const loan = (ref: string, id: string, name: string) => ({
  source: 'bank.icbc', ref, type: 'financial.loan_overdue', occurredAt: '2026-01-01',
  subject: { kind: 'person', id, name }, attributes: { daysPastDue: 100 },
});
const dishonest = (ref: string, subject: Record<string, unknown>, attributes: Record<string, unknown> = {}) => ({
  source: 'court.enforcement', ref, type: 'judicial.dishonest_debtor', occurredAt: '2026-03-01', severity: 'serious',
  subject: { kind: 'person', ...subject }, attributes: { court: '汕头市潮阳区人民法院', ...attributes },
});

let f: HttpFixture;
const keys = { admin: '', relying: '', furnisher: '' };
const ids = { zhang: '', li: '' };
interface Comparison { field: string; level: string; weight: number }
interface Report {
  records: Array<{ id: string; ref: string; status: string; linkage: { basis: string; weight: number; heldBy: string; comparisons: Comparison[] } | null }>;
  links: { history: Array<Record<string, unknown>> };
  accessLog: Array<{ action: string }>;
}
interface Queue { items: Array<{ review: { id: string; subjectId: string; candidateId: string; reason: string }; subject: unknown; candidate: unknown }> }
interface Answer { accepted: number; rejected: number; errors: Array<{ code: string; message: string }>; status: string; unlinkedAt: string | null; code: string; effect: string; subject: string }
const json = <T = Answer>(body: string) => JSON.parse(body) as T;
const air = async (subject: string) =>
  json((await f.call('POST', '/v1/decisions', keys.relying, { subject, action: 'air_travel.purchase', purpose: 'ticket_sale' })).body).effect as string;

beforeAll(async () => {
  f = await httpFixture();
  keys.admin = await f.key({ role: 'admin' });
  keys.relying = await f.key({ role: 'relying_party', actions: ['air_travel.purchase'], purposes: ['ticket_sale'] });
  keys.furnisher = await f.key({ role: 'furnisher', source: 'court.enforcement' });
  const loaded = await f.call('POST', '/v1/records', keys.admin, [loan('L1', ZHANG, '张伟明'), loan('L2', LI, '李小红')]);
  expect(json(loaded.body)).toMatchObject({ accepted: 2, rejected: 0 });
  for (const [who, n] of [['zhang', ZHANG], ['li', LI]] as const) {
    ids[who] = json((await f.call('POST', '/v1/decisions', keys.relying, { subject: n, action: 'air_travel.purchase', purpose: 'ticket_sale' })).body).subject;
  }
});
afterAll(async () => {
  await f.close();
  removeFixture(f);
});

describe('identity linkage at ingest', () => {
  it('links a masked number with the same name to the one subject it fits, and the consequences follow', async () => {
    expect(await air(ZHANG)).toBe('allow');
    const r = await f.call('POST', '/v1/records', keys.furnisher, [dishonest('(2026)粤0582执1号', { id: masked(ZHANG), name: '张伟明' })]);
    expect(json(r.body)).toMatchObject({ accepted: 1, rejected: 0 });
    expect(await air(ZHANG)).toBe('deny');
    const got = await f.call('GET', `/v1/subjects/${ids.zhang}/report?purpose=supervision`, keys.admin);
    expect(got.statusCode, got.body).toBe(200);
    const report = json<Report>(got.body);
    const record = report.records.find((x) => x.ref === '(2026)粤0582执1号')!;
    expect(record.linkage).toMatchObject({ basis: 'masked-identity' });
    expect(record.linkage!.weight).toBeGreaterThan(12);
    const fields = Object.fromEntries(record.linkage!.comparisons.map((c) => [c.field, c]));
    expect(fields.idNumber?.level).toBe('masked parts agree');
    expect(fields.familyName?.weight).toBeGreaterThan(0);
    // The explanation names the subject's number only masked.
    expect(JSON.stringify(report)).not.toContain(ZHANG);
    expect(report.links.history).toHaveLength(1);
  });

  it('keeps a later revision that says more about the person with its record, and the record\'s consequences follow it', async () => {
    const update = { ...dishonest('(2026)粤0582执1号', { id: masked(ZHANG), name: '张伟明' }, { birthDate: '1980-01-01' }), revision: 2, status: 'resolved' };
    const r = json((await f.call('POST', '/v1/records', keys.furnisher, [update])).body);
    expect(r).toMatchObject({ updated: 1, rejected: 0 });
    expect(await air(ZHANG)).toBe('allow');
  });

  it('refuses what it cannot link without a name, and an organisation without its full code', async () => {
    const r = json((await f.call('POST', '/v1/records', keys.furnisher, [
      dishonest('N1', { id: masked(LI) }),
      { ...dishonest('N2', {}), subject: { kind: 'org', name: '某公司' } },
    ])).body);
    expect(r.errors.map((e) => e.code)).toEqual(['XY_ID_UNLINKED', 'XY_ID_UNLINKED']);
    expect(r.errors[1]?.message).toMatch(/organisation/);
  });

  it('queues a name-only match for review; a reviewer links it, then unlinks it, and decisions follow both', async () => {
    const sent = json((await f.call('POST', '/v1/records', keys.furnisher, [dishonest('(2026)粤0582执2号', { name: '李小红' })])).body);
    expect(sent).toMatchObject({ accepted: 1 });
    expect(await air(LI)).toBe('allow');
    const queue = json<Queue>((await f.call('GET', '/v1/links/reviews', keys.admin)).body);
    const item = queue.items.find((i) => i.review.candidateId === ids.li)!;
    expect(item.review.reason).toMatch(/only the name agrees/);
    expect(item.candidate).toMatchObject({ name: '李小红', identity: masked(LI) });
    expect(item.subject).toMatchObject({ name: '李小红', identity: null, idKind: null });

    expectProblemShape(await f.call('GET', '/v1/links/reviews', keys.relying));
    expect((await f.call('GET', '/v1/links/reviews', keys.relying)).statusCode).toBe(403);

    const decided = await f.call('POST', `/v1/links/reviews/${item.review.id}/decision`, keys.admin, { outcome: 'link', note: 'court confirmed the birth date' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(json(decided.body).status).toBe('linked');
    expect(await air(LI)).toBe('deny');
    const again = await f.call('POST', `/v1/links/reviews/${item.review.id}/decision`, keys.admin, { outcome: 'reject' });
    expect(again.statusCode).toBe(409);
    expect(json(again.body).code).toBe('XY_LINK_REVIEW_DECIDED');

    const provisional = item.review.subjectId as string;
    const unlinked = await f.call('POST', `/v1/subjects/${provisional}/unlink`, keys.admin, { reason: 'a different 李小红' });
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(json(unlinked.body).unlinkedAt).not.toBeNull();
    expect(await air(LI)).toBe('allow');
    expect((await f.call('POST', `/v1/subjects/${provisional}/unlink`, keys.admin, { reason: 'again' })).statusCode).toBe(409);
    // The provisional subject holds the record again.
    const own = json<Report>((await f.call('GET', `/v1/subjects/${provisional}/report?purpose=supervision`, keys.admin)).body);
    expect(own.records.map((x) => x.ref)).toEqual(['(2026)粤0582执2号']);
    expect(own.links.history[0]).toMatchObject({ unlinkReason: 'a different 李小红', targetId: ids.li });

    // Linking by hand: only a provisional subject goes into another, and never in a cycle.
    const byHand = await f.call('POST', `/v1/subjects/${provisional}/link`, keys.admin, { into: ids.li, note: 'checked again' });
    expect(byHand.statusCode, byHand.body).toBe(200);
    expect(await air(LI)).toBe('deny');
    const wrongWay = await f.call('POST', `/v1/subjects/${ids.li}/link`, keys.admin, { into: provisional });
    expect(json(wrongWay.body).code).toBe('XY_LINK_NOT_ALLOWED');
  });

  it('keeps two records of one unknown person together, and apart from someone else', async () => {
    const r = json((await f.call('POST', '/v1/records', keys.furnisher, [
      dishonest('W1', { name: '欧阳娜娜' }, { birthDate: '1990-06-15', region: '110105' }),
      dishonest('W2', { name: '欧阳娜娜', id: '1101**********0000' }, { birthDate: '1990-06-15', region: '110105' }),
      dishonest('W3', { name: '欧阳娜娜' }, { birthDate: '1972-02-02', region: '650102' }),
    ])).body);
    expect(r).toMatchObject({ accepted: 3, rejected: 0 });
    const links = [];
    for (const row of await f.registry.store.subjectPage(null, 100)) {
      const l = (await f.registry.store.activeLinksOf([row.id])).get(row.id);
      if (l && l.detail.ref?.startsWith('W')) links.push(l);
    }
    // W2 (same name, birth date and region) joined W1's provisional subject; W3 stands alone.
    expect(links).toHaveLength(1);
    expect(links[0]!.detail.ref).toBe('W2');
    expect(links[0]!.basis).toBe('match-weight');
  });

  it('keeps a case with its record: an objection moves when the link ends, and a withdrawal retracts the linked record', async () => {
    const ZHAO = '110105198505051233';
    const loaded = json((await f.call('POST', '/v1/records', keys.admin, [loan('L3', ZHAO, '赵敏')])).body);
    expect(loaded).toMatchObject({ accepted: 1 });
    const ref = '(2026)京0105执8号';
    expect(json((await f.call('POST', '/v1/records', keys.furnisher, [dishonest(ref, { id: masked(ZHAO), name: '赵敏' })])).body)).toMatchObject({ accepted: 1 });
    expect(await air(ZHAO)).toBe('deny');
    const zhao = json((await f.call('POST', '/v1/decisions', keys.relying, { subject: ZHAO, action: 'air_travel.purchase', purpose: 'ticket_sale' })).body).subject;
    const report = json<Report>((await f.call('GET', `/v1/subjects/${zhao}/report?purpose=supervision`, keys.admin)).body);
    const record = report.records.find((r) => r.ref === ref)!;
    const provisional = record.linkage!.heldBy;
    const subjectKey = await f.key({ role: 'subject', subject: ZHAO });
    const filed = await f.call('POST', '/v1/objections', subjectKey, { recordId: record.id, statement: '这不是我' });
    expect(filed.statusCode, filed.body).toBe(201);
    const objection = json<{ id: string }>(filed.body).id;
    expect(await air(ZHAO)).toBe('allow'); // the listing's measures pause while the record is disputed

    // Unlinked, the record and its open objection go back to the provisional subject together.
    expect((await f.call('POST', `/v1/subjects/${provisional}/unlink`, keys.admin, { reason: '另一个赵敏' })).statusCode).toBe(200);
    expect(await air(provisional)).toBe('allow');
    const moved = json<{ subjectId: string; status: string }>((await f.call('GET', `/v1/cases/${objection}`, keys.admin)).body);
    expect(moved).toMatchObject({ subjectId: provisional, status: 'open' });

    // Linked again by hand, the furnisher withdraws the record: the retraction is stored with the subject that holds it.
    expect((await f.call('POST', `/v1/subjects/${provisional}/link`, keys.admin, { into: zhao })).statusCode).toBe(200);
    const answered = await f.call('POST', `/v1/objections/${objection}/resolution`, keys.furnisher, { outcome: 'withdrawn' });
    expect(answered.statusCode, answered.body).toBe(200);
    const after = json<Report>((await f.call('GET', `/v1/subjects/${zhao}/report?purpose=supervision`, keys.admin)).body);
    expect(after.records.find((r) => r.ref === ref)?.status).toBe('retracted');
    expect(await air(ZHAO)).toBe('allow');
  });

  it('keeps every link, review and unlink in a verifiable audit log', async () => {
    const verified = await verifyStoredLog(f.registry.audit, f.registry.signer);
    expect(verified.ok, JSON.stringify(verified)).toBe(true);
    const actions = (await f.registry.audit.eventsForSubject(ids.li, 100)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['subject.read', 'subject.link', 'subject.unlink']));
    // The report's access log tells the subject who linked and unlinked records to them.
    const report = json<Report>((await f.call('GET', `/v1/subjects/${ids.li}/report?purpose=supervision`, keys.admin)).body);
    expect(report.accessLog.map((e) => e.action)).toEqual(expect.arrayContaining(['subject.link', 'subject.unlink']));
  });
});
