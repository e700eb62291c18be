/**
 * Who runs each demo organisation, as the registration authorities record it: a legal
 * representative from the founding date (sometimes replaced later), and for companies
 * shareholders, an actual controller and a board; plus guarantors of loans.
 */
import { refOf, type DemoContext, type DemoOrg, type DemoPerson, type DemoRecord, type DemoSubject } from './demo-context.js';
import { weighted } from './demo-identities.js';
import { RELATION_RATES } from './demo-rates.js';

export interface Cast {
  people: readonly DemoPerson[];
  enterprises: readonly DemoOrg[];
  /** People sorted oldest first: the fallback when no one fits an age rule by chance. */
  oldestFirst: readonly DemoPerson[];
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;

/** Someone at least `minAge` years old on `date` (the oldest person if chance finds no one). */
export function adultOn(ctx: DemoContext, cast: Cast, date: string, minAge: number, not: ReadonlySet<string> = new Set()): DemoPerson | undefined {
  const latestBirth = Date.parse(`${date}T00:00:00Z`) - minAge * YEAR_MS;
  for (let tries = 0; tries < 30 && cast.people.length > 0; tries++) {
    const p = ctx.random.pick(cast.people);
    if (!not.has(p.id) && Date.parse(`${p.birthDate}T00:00:00Z`) <= latestBirth) return p;
  }
  return cast.oldestFirst.find((p) => !not.has(p.id));
}

function registrar(org: DemoOrg): string {
  if (org.subjectClass === 'government') return 'establishment.registration';
  if (org.subjectClass === 'social_organisation' || org.subjectClass === 'private_non_enterprise') return 'civil-affairs.registration';
  return 'market.registration';
}

/** Registration references carry a file number, not the identity number (which reports mask). */
function relation(org: DemoOrg, type: string, related: DemoSubject, ref: string, occurredAt: string): DemoRecord {
  return { source: registrar(org), ref: `${org.registration}-${ref}`, revision: 1, type, subject: refOf(org), related: refOf(related), occurredAt, status: 'active' };
}

/** A date between `from` plus a year and a month ago, or undefined when the organisation is too young. */
function dateAfter(ctx: DemoContext, from: string): string | undefined {
  const max = ctx.ageInDays(from) - 365;
  return max < 30 ? undefined : ctx.daysAgo(ctx.random.int(30, max));
}

/**
 * The organisation's relations. Returns its current legal representative (for guarantees).
 * `representative` fixes the legal representative, who then never changes (the featured case).
 */
export function relationsOf(ctx: DemoContext, org: DemoOrg, cast: Cast, representative?: DemoPerson): DemoPerson | undefined {
  const first = representative ?? adultOn(ctx, cast, org.founded, 25);
  if (!first) return undefined;
  const rep = ctx.emit(relation(org, 'relation.legal_representative', first, 'LR-1', org.founded));
  let current = first;
  const changes = RELATION_RATES.legalRepresentativeChange;
  const changeRate = org.subjectClass === 'government' ? changes.government : org.subjectClass === 'social_organisation' ? changes.social_organisation : changes.default;
  const changedOn = representative || org.subjectClass === 'individual_business' ? undefined : dateAfter(ctx, org.founded);
  if (rep && changedOn && ctx.random.chance(changeRate)) {
    const successor = adultOn(ctx, cast, changedOn, 25, new Set([first.id]));
    if (successor) {
      // The old registration ends (revision 2, resolved); the new one starts on the change date.
      ctx.revise(rep, 'resolved');
      ctx.emit(relation(org, 'relation.legal_representative', successor, 'LR-2', changedOn));
      current = successor;
    }
  }
  if (org.subjectClass === 'enterprise') companyRelations(ctx, org, cast, first);
  const board = RELATION_RATES.board;
  const boardRate = org.subjectClass === 'enterprise' ? board.enterprise : org.subjectClass === 'social_organisation' ? board.social_organisation
    : org.subjectClass === 'private_non_enterprise' ? board.private_non_enterprise : 0;
  if (ctx.random.chance(boardRate)) {
    const members = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const director = i === 0 && ctx.random.chance(0.7) ? first : adultOn(ctx, cast, org.founded, 25, members);
      if (!director || members.has(director.id)) continue;
      members.add(director.id);
      ctx.emit(relation(org, 'relation.director', director, `DS-${i + 1}`, org.founded));
    }
  }
  return current;
}

function companyRelations(ctx: DemoContext, org: DemoOrg, cast: Cast, founder: DemoPerson): void {
  const rates = RELATION_RATES;
  // Parent companies must exist before the company they hold.
  const parents = () => cast.enterprises.filter((e) => e.id !== org.id && e.founded < org.founded);
  if (ctx.random.chance(rates.actualController)) {
    const olderOrgs = ctx.random.chance(rates.controllerIsOrg) ? parents() : [];
    const controller: DemoSubject | undefined = olderOrgs.length > 0 ? ctx.random.pick(olderOrgs)
      : ctx.random.chance(rates.controllerIsRepresentative) ? founder : adultOn(ctx, cast, org.founded, 25, new Set([founder.id]));
    if (controller) ctx.emit(relation(org, 'relation.actual_controller', controller, 'SJKZR-1', org.founded));
  }
  const holders = new Set<string>();
  const count = weighted(ctx.random, [[1, 35], [2, 35], [3, 20], [4, 10]] as const);
  for (let i = 0; i < count; i++) {
    let holder: DemoSubject | undefined;
    if (i === 0 && ctx.random.chance(0.6)) holder = founder;
    else if (ctx.random.chance(rates.shareholderIsOrg)) {
      const candidates = parents().filter((e) => !holders.has(e.id));
      holder = candidates.length > 0 ? ctx.random.pick(candidates) : undefined;
    }
    holder ??= adultOn(ctx, cast, org.founded, 20, holders);
    if (!holder || holders.has(holder.id)) continue;
    holders.add(holder.id);
    const record = ctx.emit(relation(org, 'relation.shareholder', holder, `GD-${i + 1}`, org.founded));
    if (record && ctx.random.chance(rates.shareholderExited)) ctx.revise(record, 'resolved');
  }
}

/** Guarantors of a subject's loans: for a company usually its legal representative, for a person someone else. */
export function guaranteesOf(ctx: DemoContext, s: DemoSubject, cast: Cast, representative?: DemoPerson): void {
  const rate = s.kind === 'person' ? RELATION_RATES.guarantee.person : RELATION_RATES.guarantee.org;
  for (const loan of s.loans) {
    if (!ctx.random.chance(rate)) continue;
    const guarantor = s.kind === 'org' && representative && ctx.random.chance(0.8) ? representative : adultOn(ctx, cast, loan.date, 22, new Set([s.id]));
    if (!guarantor) continue;
    ctx.emit({
      source: loan.source, ref: `${loan.ref}-BZ`, revision: 1, type: 'relation.guarantor',
      subject: refOf(s), related: refOf(guarantor), occurredAt: loan.date, status: 'active',
    });
  }
}
