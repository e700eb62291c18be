/**
 * One generator per conduct type: each writes the records a real furnisher would send for one
 * episode (a loan, a court case, a penalty), with the references, attributes and later revisions
 * (resolved, retracted) such a furnisher uses.
 */
import type { Severity } from '../../core/policy/policy-schema.js';
import {
  ABNORMAL_REASONS, BANKS, caseNumber, court, decisionNumber, loanRef, marketRegulator, PLATFORMS, RIGHTS_HOLDERS, taxBureau,
  VOLUNTEER_ORGANISATIONS, type Bank,
} from './demo-authorities.js';
import { refOf, type DemoContext, type DemoOrg, type DemoPerson, type DemoRecord, type DemoSubject } from './demo-context.js';
import { weighted } from './demo-identities.js';
import { OUTCOMES } from './demo-rates.js';

/** The window the demo shows: records from the last five years (the shortest publication term plus retention is 5 years 3 months). */
export const WINDOW_DAYS = 5 * 365;

export interface DemoWorld {
  /** Enterprises, as creditors in payment-arrears records. */
  enterprises: readonly DemoOrg[];
}

type Generator = (ctx: DemoContext, s: DemoSubject, world: DemoWorld) => void;

const isPerson = (s: DemoSubject) => s.kind === 'person';

/** Emit an adverse record, mark its subject, and let the furnisher later resolve or retract it. */
function adverse(ctx: DemoContext, s: DemoSubject, record: DemoRecord): ReturnType<DemoContext['settle']> {
  const emitted = ctx.emit(record);
  if (emitted) s.adverse = true;
  return ctx.settle(emitted, OUTCOMES[record.type]);
}

/** Shares of person records published without a full number (see docs/linkage.md). */
const MASKED_SHARE = 0.3;

function base(s: DemoSubject, type: string, source: string, ref: string, occurredAt: string): DemoRecord {
  return { source, ref, revision: 1, type, subject: refOf(s), occurredAt, status: 'active' };
}

const severityOf = (ctx: DemoContext, weights: ReadonlyArray<readonly [Severity, number]>) => weighted(ctx.random, weights);

/** An amount in yuan that fits the severity: `[minor, general, serious]` ranges in thousands. */
function amountFor(ctx: DemoContext, severity: Severity, ranges: readonly [[number, number], [number, number], [number, number]]): number {
  const [lo, hi] = ranges[severity === 'minor' ? 0 : severity === 'general' ? 1 : 2];
  return ctx.random.int(lo, hi) * 1000;
}

/** Mostly small consumer or working-capital loans, some larger, a few mortgages or project loans. */
function loanAmount(ctx: DemoContext, s: DemoSubject): number {
  const { random } = ctx;
  const band = weighted(random, [[0, 60], [1, 30], [2, 10]] as const);
  if (isPerson(s)) return [random.int(3, 50) * 1000, random.int(50, 300) * 1000, random.int(30, 300) * 10_000][band]!;
  return [random.int(10, 100) * 10_000, random.int(100, 1000) * 10_000, random.int(1000, 5000) * 10_000][band]!;
}

function writeOff(ctx: DemoContext, s: DemoSubject, bank: Bank, date: string, amount: number): void {
  adverse(ctx, s, {
    ...base(s, 'financial.default_written_off', bank.source, loanRef(ctx, bank, date), date),
    severity: 'serious', amount, attributes: { lender: bank.name },
  });
}

/** The featured case: a recent, unperformed judgment with a consumption-restriction order. */
/**
 * A platform's confirmed fraud by a seller it knows by name (and sometimes region) only: linkage
 * links it with the region's corroboration, or queues it for review on the name alone.
 */
export function platformReportByName(ctx: DemoContext, s: DemoPerson, withRegion: boolean): void {
  const date = ctx.dateFor(s, 1, WINDOW_DAYS);
  if (!date) return;
  const platform = ctx.random.pick(PLATFORMS);
  ctx.emit({
    ...base(s, 'platform.fraud_confirmed', platform.source, `FR-${date.slice(0, 4)}-${ctx.next()}`, date),
    subject: { kind: 'person', name: s.name }, severity: 'general', amount: ctx.random.int(1, 20) * 1000,
    attributes: { platform: platform.name, ...(withRegion ? { region: s.region.code } : {}) },
  });
}

export function featuredJudgment(ctx: DemoContext, org: DemoOrg): void {
  const date = ctx.daysAgo(ctx.random.int(60, 200));
  const caseNo = caseNumber(ctx, org.region, date, '执');
  const attributes = { court: court(org.region) };
  ctx.emit({ ...base(org, 'judicial.consumption_restriction', 'court.enforcement', `${caseNo}限消`, ctx.shift(date, -20)), severity: 'general', attributes });
  ctx.emit({
    ...base(org, 'judicial.dishonest_debtor', 'court.enforcement', caseNo, date),
    severity: 'serious', amount: ctx.random.int(80, 400) * 10_000,
    attributes: { ...attributes, performanceDue: ctx.shift(date, -ctx.random.int(90, 240)) },
  });
  org.adverse = true;
}

export const CONDUCT: Readonly<Record<string, Generator>> = {
  'financial.loan_repaid': (ctx, s) => {
    for (let i = ctx.random.int(1, 3); i > 0; i--) {
      const date = ctx.dateFor(s, 1, WINDOW_DAYS);
      if (!date) return;
      const bank = ctx.random.pick(BANKS);
      const ref = loanRef(ctx, bank, date);
      const amount = loanAmount(ctx, s);
      ctx.emit({ ...base(s, 'financial.loan_repaid', bank.source, ref, date), severity: amount < 50_000 ? 'minor' : 'general', amount, attributes: { lender: bank.name } });
      s.loans.push({ source: bank.source, ref, date });
    }
  },
  'financial.loan_overdue': (ctx, s) => {
    const date = ctx.dateFor(s, 1, WINDOW_DAYS);
    if (!date) return;
    const bank = ctx.random.pick(BANKS);
    const ref = loanRef(ctx, bank, date);
    const amount = loanAmount(ctx, s);
    const daysPastDue = weighted(ctx.random, [[ctx.random.int(1, 30), 60], [ctx.random.int(31, 90), 25], [ctx.random.int(91, 400), 15]] as const);
    // No severity: the policy derives it from daysPastDue (severityFrom).
    const outcome = adverse(ctx, s, { ...base(s, 'financial.loan_overdue', bank.source, ref, date), amount, attributes: { daysPastDue, lender: bank.name } });
    s.loans.push({ source: bank.source, ref, date });
    if (daysPastDue > 90 && outcome === 'active' && ctx.random.chance(0.4)) {
      writeOff(ctx, s, bank, ctx.shift(date, ctx.random.int(180, 540)), amount);
    }
  },
  'financial.default_written_off': (ctx, s) => {
    const date = ctx.dateFor(s, 180, WINDOW_DAYS);
    if (date) writeOff(ctx, s, ctx.random.pick(BANKS), date, loanAmount(ctx, s));
  },
  'judicial.dishonest_debtor': (ctx, s) => {
    const date = ctx.dateFor(s, 30, WINDOW_DAYS);
    if (!date) return;
    const caseNo = caseNumber(ctx, s.region, date, '执');
    const attributes = { court: court(s.region) };
    // Most listings come with a consumption-restriction order in the same enforcement case.
    const ordered = ctx.shift(date, -ctx.random.int(0, 60));
    const restriction = ctx.random.chance(0.7)
      ? ctx.emit({ ...base(s, 'judicial.consumption_restriction', 'court.enforcement', `${caseNo}限消`, ordered < s.since ? s.since : ordered), severity: 'general', attributes })
      : undefined;
    const outcome = adverse(ctx, s, {
      ...base(s, 'judicial.dishonest_debtor', 'court.enforcement', caseNo, date),
      // Some courts publish a person's number masked, as the SPC list does: linkage finds them.
      ...(isPerson(s) && ctx.random.chance(MASKED_SHARE) ? { subject: { kind: 'person', id: `${s.id.slice(0, 10)}****${s.id.slice(14)}`, name: s.name } } : {}),
      severity: ctx.random.chance(0.7) ? 'serious' : 'general',
      amount: isPerson(s) ? ctx.random.int(2, 200) * 10_000 : ctx.random.int(10, 2000) * 10_000,
      attributes: { ...attributes, performanceDue: ctx.shift(date, -ctx.random.int(60, 400)) },
    });
    // Performing the judgment ends both the listing and the order.
    if (restriction && outcome === 'resolved') ctx.revise(restriction, 'resolved');
  },
  'judicial.consumption_restriction': (ctx, s) => {
    const date = ctx.dateFor(s, 30, WINDOW_DAYS);
    if (!date) return;
    adverse(ctx, s, {
      ...base(s, 'judicial.consumption_restriction', 'court.enforcement', `${caseNumber(ctx, s.region, date, '执')}限消`, date),
      severity: 'general', amount: ctx.random.int(1, 100) * 10_000, attributes: { court: court(s.region) },
    });
  },
  'commercial.administrative_penalty': (ctx, s) => {
    for (let i = ctx.random.chance(0.2) ? 2 : 1; i > 0; i--) {
      const date = ctx.dateFor(s, 1, WINDOW_DAYS);
      if (!date) return;
      const [source, authority, office] = weighted(ctx.random, [
        [['market.samr', marketRegulator(s.region), '市监罚'], 60],
        [isPerson(s) ? ['urban.enforcement', `${s.region.city}市${s.region.district}城市管理综合行政执法局`, '城管罚'] : ['ecology.mee', `${s.region.city}市生态环境局`, '环罚'], 25],
        [['emergency.mem', `${s.region.city}市应急管理局`, '应急罚'], isPerson(s) ? 0 : 15],
      ] as const);
      const severity = severityOf(ctx, [['minor', 35], ['general', 50], ['serious', 15]]);
      // Warnings (minor, often without a fine) up to confiscation-scale fines (serious).
      const amount = severity === 'minor' && ctx.random.chance(0.4) ? 0 : amountFor(ctx, severity, [[1, 5], [5, 100], [100, 2000]]);
      const decision = decisionNumber(ctx, s.region, date, office);
      adverse(ctx, s, {
        ...base(s, 'commercial.administrative_penalty', source, decision, date),
        severity, ...(amount > 0 && { amount }), attributes: { authority, decisionNumber: decision },
      });
    }
  },
  'commercial.abnormal_operations': (ctx, s) => {
    // Mostly a missed annual report: entered in early July, after the 30 June filing deadline.
    const thisYear = Number(ctx.daysAgo(0).slice(0, 4));
    const years: number[] = [];
    for (let y = thisYear - 6; y <= thisYear; y++) {
      const july = `${y}-07-20`;
      // The enterprise must have existed in the year whose report was missed.
      const existed = s.kind === 'org' && s.founded <= `${y - 1}-12-31`;
      if (existed && ctx.ageInDays(july) >= 1 && ctx.ageInDays(july) <= WINDOW_DAYS) years.push(y);
    }
    const annual = years.length > 0 && ctx.random.chance(0.7);
    const date = annual ? `${ctx.random.pick(years)}-07-${String(ctx.random.int(1, 20)).padStart(2, '0')}` : ctx.dateFor(s, 1, WINDOW_DAYS);
    if (!date) return;
    const reason = annual ? ABNORMAL_REASONS.annualReport : weighted(ctx.random, [[ABNORMAL_REASONS.unreachable, 70], [ABNORMAL_REASONS.order, 20], [ABNORMAL_REASONS.falsified, 10]] as const);
    // Unresolved entries older than three years are what escalate to the serious-violation list.
    adverse(ctx, s, {
      ...base(s, 'commercial.abnormal_operations', 'market.samr', decisionNumber(ctx, s.region, date, '市监异'), date),
      severity: 'general', attributes: { authority: marketRegulator(s.region), reason },
    });
  },
  'commercial.serious_violation': (ctx, s) => {
    const date = ctx.dateFor(s, 1, WINDOW_DAYS);
    if (!date) return;
    adverse(ctx, s, {
      ...base(s, 'commercial.serious_violation', 'market.samr', decisionNumber(ctx, s.region, date, '市监严'), date),
      severity: 'serious', attributes: { authority: marketRegulator(s.region) },
    });
  },
  'commercial.tax_violation': (ctx, s) => {
    const date = ctx.dateFor(s, 1, WINDOW_DAYS);
    if (!date) return;
    const serious = ctx.random.chance(0.35);
    adverse(ctx, s, {
      ...base(s, 'commercial.tax_violation', 'tax.chinatax', decisionNumber(ctx, s.region, date, '税稽罚'), date),
      severity: serious ? 'serious' : 'general',
      amount: serious ? ctx.random.int(100, 5000) * 1000 : ctx.random.int(5, 100) * 1000,
      attributes: { taxAuthority: taxBureau(s.region) },
    });
  },
  'commercial.tax_grade_a': (ctx, s) => {
    // Annual evaluation of year Y, published in April of Y+1; a run of consecutive A years.
    const today = ctx.daysAgo(0);
    const latest = Number(today.slice(0, 4)) - (today.slice(5) >= '04-30' ? 1 : 2);
    const last = ctx.random.chance(0.75) ? latest : latest - ctx.random.int(1, 3);
    const foundedYear = Number(s.kind === 'org' ? s.founded.slice(0, 4) : s.since.slice(0, 4));
    for (let y = last - ctx.random.int(0, 4); y <= last; y++) {
      const published = `${y + 1}-04-${String(ctx.random.int(10, 28)).padStart(2, '0')}`;
      if (y <= foundedYear || ctx.ageInDays(published) < 0 || ctx.ageInDays(published) > WINDOW_DAYS) continue;
      ctx.emit({ ...base(s, 'commercial.tax_grade_a', 'tax.chinatax', `NSXY-A-${y}-${ctx.next()}`, published), severity: 'general', attributes: { year: y } });
    }
  },
  'commercial.contract_breach': (ctx, s) => {
    const date = ctx.dateFor(s, 1, WINDOW_DAYS);
    if (!date) return;
    const byCourt = ctx.random.chance(0.75);
    const [source, ref, adjudicatedBy] = byCourt
      ? ['court.civil', caseNumber(ctx, s.region, date, '民初'), court(s.region)]
      : ['arbitration.commission', `(${date.slice(0, 4)})${s.region.city}仲字第${ctx.next()}号`, `${s.region.city}仲裁委员会`];
    const severity = severityOf(ctx, [['minor', 25], ['general', 55], ['serious', 20]]);
    adverse(ctx, s, {
      ...base(s, 'commercial.contract_breach', source, ref, date),
      severity, amount: amountFor(ctx, severity, [[1, 50], [50, 500], [500, 5000]]), attributes: { adjudicatedBy },
    });
  },
  'commercial.product_quality_violation': (ctx, s) => {
    const date = ctx.dateFor(s, 1, WINDOW_DAYS);
    if (!date) return;
    const severity = severityOf(ctx, [['minor', 30], ['general', 55], ['serious', 15]]);
    adverse(ctx, s, {
      ...base(s, 'commercial.product_quality_violation', 'market.samr', decisionNumber(ctx, s.region, date, '市监质罚'), date),
      severity, amount: amountFor(ctx, severity, [[1, 10], [10, 200], [200, 3000]]), attributes: { authority: marketRegulator(s.region) },
    });
  },
  'government.payment_arrears': (ctx, s, world) => {
    for (let i = ctx.random.chance(0.25) ? 2 : 1; i > 0; i--) {
      const date = ctx.dateFor(s, 1, WINDOW_DAYS);
      if (!date) return;
      const overdueDays = ctx.random.int(60, 900);
      const creditor = world.enterprises.length > 0 ? ctx.random.pick(world.enterprises).name : `${s.region.city}市某建筑工程有限公司`;
      adverse(ctx, s, {
        ...base(s, 'government.payment_arrears', 'miit.sme-payment', `QKTS-${date.slice(0, 4)}-${ctx.next()}`, date),
        severity: overdueDays > 365 ? 'serious' : 'general', amount: ctx.random.int(5, 2000) * 10_000,
        attributes: { creditor, overdueDays },
      });
    }
  },
  'government.judgment_unperformed': (ctx, s) => {
    const date = ctx.dateFor(s, 30, WINDOW_DAYS);
    if (!date) return;
    adverse(ctx, s, {
      ...base(s, 'government.judgment_unperformed', 'court.administrative', caseNumber(ctx, s.region, date, '行初'), date),
      severity: 'serious', amount: ctx.random.int(10, 500) * 10_000, attributes: { court: court(s.region) },
    });
  },
  'societal.social_insurance_fraud': (ctx, s) => {
    const date = ctx.dateFor(s, 1, WINDOW_DAYS);
    if (!date) return;
    const [source, authority] = ctx.random.chance(0.6)
      ? ['hrss.social-insurance', `${s.region.city}市人力资源和社会保障局`]
      : ['nhsa.medical-insurance', `${s.region.city}市医疗保障局`];
    const severity = ctx.random.chance(0.25) ? 'serious' : 'general';
    adverse(ctx, s, {
      ...base(s, 'societal.social_insurance_fraud', source, decisionNumber(ctx, s.region, date, '社保罚'), date),
      severity, amount: amountFor(ctx, severity, [[1, 5], [5, 80], [80, 1000]]), attributes: { authority },
    });
  },
  'societal.traffic_violation': (ctx, s) => {
    for (let i = weighted(ctx.random, [[1, 60], [2, 30], [3, 10]] as const); i > 0; i--) {
      const date = ctx.dateFor(s, 1, WINDOW_DAYS);
      if (!date) return;
      const demeritPoints = weighted(ctx.random, [[1, 30], [3, 45], [6, 20], [9, 5]] as const);
      adverse(ctx, s, {
        ...base(s, 'societal.traffic_violation', 'police.traffic', `JTWF-${s.region.code}-${ctx.next()}`, date),
        severity: 'minor', amount: demeritPoints * 100 + ctx.random.int(0, 1) * 50, attributes: { demeritPoints },
      });
    }
  },
  'societal.volunteer_service': (ctx, s) => {
    for (let i = ctx.random.int(1, 3); i > 0; i--) {
      const date = ctx.dateFor(s, 1, WINDOW_DAYS);
      if (!date) return;
      const hours = weighted(ctx.random, [[ctx.random.int(8, 60), 60], [ctx.random.int(61, 150), 30], [ctx.random.int(151, 400), 10]] as const);
      ctx.emit({
        ...base(s, 'societal.volunteer_service', 'civil-affairs.volunteer', `ZYFW-${date.slice(0, 4)}-${ctx.next()}`, date),
        severity: hours >= 100 ? 'general' : 'minor', attributes: { hours, organisation: ctx.random.pick(VOLUNTEER_ORGANISATIONS(s.region)) },
      });
    }
  },
  'societal.blood_donation': (ctx, s) => {
    // Whole-blood donors wait at least six months between donations.
    let date = ctx.dateFor(s, 1, WINDOW_DAYS);
    for (let i = weighted(ctx.random, [[1, 50], [2, 25], [3, 15], [4, 10]] as const); i > 0 && date; i--) {
      ctx.emit({ ...base(s, 'societal.blood_donation', `blood-center.${s.region.pinyin}`, `XX-${date.slice(0, 4)}-${ctx.next()}`, date), severity: 'general' });
      const next = ctx.shift(date, ctx.random.int(183, 400));
      date = ctx.ageInDays(next) >= 1 && next > date ? next : undefined;
    }
  },
  'platform.fraud_confirmed': (ctx, s) => {
    const date = ctx.dateFor(s, 1, WINDOW_DAYS);
    if (!date) return;
    const platform = ctx.random.pick(PLATFORMS);
    const severity = ctx.random.chance(0.25) ? 'serious' : 'general';
    adverse(ctx, s, {
      ...base(s, 'platform.fraud_confirmed', platform.source, `FR-${date.slice(0, 4)}-${ctx.next()}`, date),
      severity, amount: amountFor(ctx, severity, [[1, 2], [1, 20], [20, 500]]), attributes: { platform: platform.name },
    });
  },
  'platform.counterfeit_listing': (ctx, s) => {
    for (let i = ctx.random.chance(0.3) ? 2 : 1; i > 0; i--) {
      const date = ctx.dateFor(s, 1, WINDOW_DAYS);
      if (!date) return;
      const platform = ctx.random.pick(PLATFORMS.slice(0, 2));
      adverse(ctx, s, {
        ...base(s, 'platform.counterfeit_listing', platform.source, `IP-${date.slice(0, 4)}-${ctx.next()}`, date),
        severity: severityOf(ctx, [['minor', 40], ['general', 45], ['serious', 15]]),
        attributes: { platform: platform.name, rightsHolder: ctx.random.pick(RIGHTS_HOLDERS) },
      });
    }
  },
};
