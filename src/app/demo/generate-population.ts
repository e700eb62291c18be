import { identifySubjectNumber } from '../../core/identity/identify.js';
import type { Policy } from '../../core/policy/policy-schema.js';
import { CONDUCT, featuredJudgment, platformReportByName, WINDOW_DAYS, type DemoWorld } from './demo-conduct.js';
import { DemoContext, type DemoOrg, type DemoPerson, type DemoSubject } from './demo-context.js';
import {
  birthRegion, demoOrgName, demoPersonName, demoResidentId, demoUsccOf, ORG_REGIONS, USCC_CODE_OF, weighted, type DemoRegion, type OrgClass,
} from './demo-identities.js';
import { CONDUCT_RATES, ORG_MIX, RISK_LEVELS, type SubjectClass } from './demo-rates.js';
import { adultOn, guaranteesOf, relationsOf, type Cast } from './demo-relations.js';
import { SeededRandom } from './seeded-random.js';

export interface PopulationOptions {
  people: number;
  orgs: number;
  seed: number;
  /** Conduct is dated in the six years before this instant, never after it. */
  now: string;
}

export interface Population {
  /** Records in the ingest contract's JSON form, revisions after the revision they update. */
  records: Record<string, unknown>[];
  /** A subject worth showing first: an enterprise listed as a dishonest judgment debtor ('' without orgs). */
  featured: string;
  /** The featured enterprise's legal representative, a person with no adverse record of their own. */
  featuredPerson?: string;
}

/**
 * A reproducible synthetic population: the same policy and options give the same records in the
 * same order. Only the seeded generator decides; dates count back from `options.now`.
 */
export function generatePopulation(policy: Policy, options: PopulationOptions): Population {
  const ctx = new DemoContext(new SeededRandom(options.seed), policy, options.now);
  const people = makePeople(ctx, options.people);
  const orgs = makeOrgs(ctx, options.orgs);
  const enterprises = orgs.filter((o) => o.subjectClass === 'enterprise');
  const oldestFirst = [...people].sort((a, b) => (a.birthDate < b.birthDate ? -1 : a.birthDate > b.birthDate ? 1 : 0));
  const cast: Cast = { people, enterprises, oldestFirst };
  const world: DemoWorld = { enterprises };

  // The featured case: the first enterprise owes a judgment debt; its legal representative is clean.
  const featured = enterprises[0];
  const featuredPerson = featured ? adultOn(ctx, cast, featured.founded, 28) : undefined;
  if (featuredPerson) featuredPerson.keepClean = true;

  const subjects: DemoSubject[] = [...people, ...orgs];
  for (const s of subjects) conductOf(ctx, s, world);
  ensureEveryType(ctx, subjects, world);
  if (featured) featuredJudgment(ctx, featured);
  // A few sellers a platform knows by name only (one in a hundred people): the linkage review queue's work.
  for (const [k, person] of people.filter((p) => !p.keepClean).slice(0, Math.ceil(people.length / 100)).entries()) {
    platformReportByName(ctx, person, k % 2 === 0);
  }

  const representatives = new Map<string, DemoPerson>();
  for (const org of orgs) {
    const rep = relationsOf(ctx, org, cast, org === featured ? featuredPerson : undefined);
    if (rep) representatives.set(org.id, rep);
  }
  for (const s of subjects) guaranteesOf(ctx, s, cast, representatives.get(s.id));

  return {
    records: ctx.records,
    featured: featured?.id ?? '',
    ...(featured && featuredPerson && { featuredPerson: featuredPerson.id }),
  };
}

const RATE_ENTRIES = Object.fromEntries(Object.entries(CONDUCT_RATES).map(([c, rates]) => [c, Object.entries(rates)])) as Record<SubjectClass, Array<[string, number]>>;

/** Each kind of conduct at its class's rate; adverse conduct scaled by the subject's risk. */
function conductOf(ctx: DemoContext, s: DemoSubject, world: DemoWorld): void {
  for (const [type, share] of RATE_ENTRIES[s.subjectClass]) {
    const def = Object.hasOwn(ctx.policy.recordTypes, type) ? ctx.policy.recordTypes[type] : undefined;
    const generate = CONDUCT[type];
    if (def?.kind !== 'conduct' || !generate) continue;
    let p = share;
    if (def.sign === 'negative') p = s.keepClean ? 0 : share * s.risk;
    // Good conduct is rarer among the troubled, and a grade-A taxpayer has a clean tax record.
    else if (s.risk > 1) p = type === 'commercial.tax_grade_a' ? 0 : share / 2;
    if (ctx.random.chance(p)) generate(ctx, s, world);
  }
}

/** A small population may miss a rare type by chance; give each one at least one episode. */
function ensureEveryType(ctx: DemoContext, subjects: readonly DemoSubject[], world: DemoWorld): void {
  const seen = new Set(ctx.records.map((r) => r.type));
  for (const [type, def] of Object.entries(ctx.policy.recordTypes)) {
    const generate = CONDUCT[type];
    if (def.kind !== 'conduct' || seen.has(type) || !generate) continue;
    const eligible = subjects.filter((s) => !s.keepClean && (CONDUCT_RATES[s.subjectClass][type] ?? 0) > 0);
    for (let tries = 0; tries < 5 && eligible.length > 0; tries++) {
      const before = ctx.records.length;
      generate(ctx, ctx.random.pick(eligible), world);
      if (ctx.records.length > before) break;
    }
    for (const r of ctx.records) seen.add(r.type);
  }
}

/** `YYYY-MM-DD` plus whole years; 29 February becomes 1 March in a common year. */
function plusYears(date: string, years: number): string {
  const md = date.slice(5) === '02-29' ? '03-01' : date.slice(5);
  return `${Number(date.slice(0, 4)) + years}-${md}`;
}

const later = (a: string, b: string) => (a > b ? a : b);

const cityLevel = (orgClass: OrgClass, name: string, region: DemoRegion) =>
  (orgClass === 'government' || orgClass === 'social_organisation') && !name.includes(region.district);

/** GB/T 2260 code of a district's city: `440305` -> `440300`; municipalities use the province's (`310115` -> `310000`). */
function cityCode(district: string): string {
  return ['11', '12', '31', '50'].includes(district.slice(0, 2)) ? `${district.slice(0, 2)}0000` : `${district.slice(0, 4)}00`;
}

function readsAsUscc(id: string, today: string): boolean {
  const found = identifySubjectNumber(id, today);
  return found.ok && found.value.kind === 'uscc';
}

function makePeople(ctx: DemoContext, count: number): DemoPerson[] {
  const { random } = ctx;
  const windowStart = ctx.daysAgo(WINDOW_DAYS);
  const ids = new Set<string>();
  const people: DemoPerson[] = [];
  while (people.length < count) {
    // Adults only (the registry's conduct records concern adults), with a realistic age spread.
    const age = weighted(random, [[random.int(18, 29), 20], [random.int(30, 44), 28], [random.int(45, 59), 28], [random.int(60, 80), 24]] as const);
    const birthDate = ctx.daysAgo(Math.floor(age * 365.25) + random.int(1, 364));
    const sex = random.chance(0.5) ? 'male' : 'female';
    const born = birthRegion(random);
    const id = demoResidentId(random, birthDate, born, sex);
    if (ids.has(id)) continue;
    ids.add(id);
    // Most live where they were born if that is a demo city; the rest moved to one.
    const home = ORG_REGIONS.find((r) => r.code === born);
    people.push({
      kind: 'person',
      subjectClass: 'person',
      id,
      name: demoPersonName(random, sex, Number(birthDate.slice(0, 4))),
      birthDate,
      region: home && random.chance(0.7) ? home : random.pick(ORG_REGIONS),
      since: later(plusYears(birthDate, 18), windowStart),
      risk: weighted(random, RISK_LEVELS),
      loans: [],
      adverse: false,
    });
  }
  return people;
}

/** Organisation classes in a fixed mix: enterprises first, then the others. */
function orgClasses(count: number): OrgClass[] {
  const government = count >= 4 ? Math.max(1, Math.round(count * ORG_MIX.government)) : 0;
  const others: Array<[OrgClass, number]> = [
    ['individual_business', Math.round(count * ORG_MIX.individual_business)],
    ['social_organisation', Math.round(count * ORG_MIX.social_organisation)],
    ['private_non_enterprise', Math.round(count * ORG_MIX.private_non_enterprise)],
    ['government', government],
  ];
  const enterprises = Math.max(0, count - others.reduce((s, [, n]) => s + n, 0));
  const classes: OrgClass[] = Array.from({ length: enterprises }, () => 'enterprise');
  for (const [c, n] of others) for (let i = 0; i < n && classes.length < count; i++) classes.push(c);
  return classes;
}

/** Years since founding: companies skew young, government bodies and associations old. */
const AGE_YEARS: Readonly<Record<OrgClass, ReadonlyArray<readonly [[number, number], number]>>> = {
  enterprise: [[[1, 3], 30], [[3, 8], 35], [[8, 15], 25], [[15, 25], 10]],
  individual_business: [[[1, 4], 50], [[4, 10], 50]],
  social_organisation: [[[3, 10], 50], [[10, 25], 50]],
  private_non_enterprise: [[[2, 8], 60], [[8, 20], 40]],
  government: [[[5, 15], 50], [[15, 30], 50]],
};

function makeOrgs(ctx: DemoContext, count: number): DemoOrg[] {
  const { random } = ctx;
  const today = ctx.daysAgo(0);
  const windowStart = ctx.daysAgo(WINDOW_DAYS);
  const ids = new Set<string>();
  const names = new Set<string>();
  const orgs: DemoOrg[] = [];
  for (const orgClass of orgClasses(count)) {
    // The first enterprise is the featured one: old enough to have a judgment against it.
    const [minYears, maxYears] = orgs.length === 0 && orgClass === 'enterprise' ? [3, 12] : weighted(random, AGE_YEARS[orgClass]);
    const founded = ctx.daysAgo(Math.floor(random.int(minYears, maxYears - 1) * 365.25) + random.int(1, 364));
    const region = random.pick(ORG_REGIONS);
    let name = demoOrgName(random, orgClass, region);
    for (let tries = 0; names.has(name) && tries < 20; tries++) name = demoOrgName(random, orgClass, region);
    names.add(name);
    const code = USCC_CODE_OF[orgClass];
    let id: string;
    do {
      id = demoUsccOf(random, {
        code,
        // A city-level body or association registers under its city's code, not a district's.
        region: cityLevel(orgClass, name, region) ? cityCode(region.code) : region.code,
        // Codes issued after the 2015 reform carry an MA organisation code.
        modern: code.startsWith('9') && founded >= '2015-10-01',
        validOrgCode: orgClass !== 'individual_business' || random.chance(0.5),
      });
      // An all-digit USCC could in principle also read as a resident ID; such a code is redrawn.
    } while (ids.has(id) || !readsAsUscc(id, today));
    ids.add(id);
    orgs.push({
      kind: 'org',
      subjectClass: orgClass,
      id,
      name,
      founded,
      registration: `${region.code}DJ${String(ctx.next()).padStart(7, '0')}`,
      region,
      since: later(founded, windowStart),
      risk: orgClass === 'government' ? 1 : weighted(random, RISK_LEVELS),
      loans: [],
      adverse: false,
    });
  }
  return orgs;
}
