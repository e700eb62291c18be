import type { Policy, SubjectKind } from '../../core/policy/policy-schema.js';
import { addDuration } from '../../core/time/duration.js';
import { demoOrgName, demoPersonName, demoResidentId, demoUscc } from './demo-identities.js';
import { SeededRandom } from './seeded-random.js';

export interface PopulationOptions {
  people: number;
  orgs: number;
  seed: number;
  /** Records are dated in the three years before this instant. */
  now: string;
}

interface DemoSubject {
  kind: SubjectKind;
  id: string;
  name: string;
}

export interface Population {
  records: Record<string, unknown>[];
  /** A subject worth showing first: an enterprise listed as a dishonest judgment debtor. */
  featured: string;
}

/** Which furnisher sends which kind of record, so demo sources look like real ones. */
const SOURCE_BY_PREFIX: Array<[string, string]> = [
  ['judicial.', 'court.enforcement'],
  ['financial.', 'bank.icbc-demo'],
  ['commercial.tax_', 'tax.sta'],
  ['commercial.', 'market.samr'],
  ['government.', 'finance.mof'],
  ['societal.social_insurance', 'hrss.social-insurance'],
  ['societal.traffic', 'police.traffic'],
  ['societal.', 'civil-affairs.volunteer'],
  ['platform.', 'platform.marketplace-demo'],
];
const sourceOf = (type: string) => SOURCE_BY_PREFIX.find(([p]) => type.startsWith(p))?.[1] ?? 'agency.demo';

/** A reproducible synthetic population: same options and policy, same records, line for line. */
export function generatePopulation(policy: Policy, options: PopulationOptions): Population {
  const random = new SeededRandom(options.seed);
  const daysAgo = (max: number) => addDuration(options.now, { years: 0, months: 0, days: -random.int(1, max) }).slice(0, 10);
  const people: DemoSubject[] = [];
  for (let i = 0; i < options.people; i++) {
    const birth = `${random.int(1950, 2004)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    people.push({ kind: 'person', id: demoResidentId(random, birth), name: demoPersonName(random) });
  }
  const orgs: DemoSubject[] = [];
  for (let i = 0; i < options.orgs; i++) {
    orgs.push({ kind: 'org', id: demoUscc(random), name: demoOrgName(random, random.pick(['北京', '上海', '深圳', '杭州', '成都', '武汉'])) });
  }
  const records: Record<string, unknown>[] = [];
  let serial = 0;
  const emit = (type: string, subject: DemoSubject, extra: Record<string, unknown> = {}) => {
    const ref = `DEMO-${String(++serial).padStart(6, '0')}`;
    const record = { source: sourceOf(type), ref, revision: 1, type, subject: { ...subject }, occurredAt: daysAgo(1000), status: 'active', ...extra };
    records.push(record);
    return record;
  };
  const conduct = Object.entries(policy.recordTypes).filter(([, t]) => t.kind === 'conduct');
  for (const subject of [...people, ...orgs]) {
    const count = random.chance(0.55) ? 0 : random.int(1, 4);
    const types = conduct.filter(([, t]) => t.subjectKinds.includes(subject.kind));
    for (let i = 0; i < count && types.length > 0; i++) {
      const [type, def] = random.pick(types);
      if (def.kind !== 'conduct') continue;
      const record = emit(type, subject, {
        severity: random.pick(def.severities),
        ...(def.dimension === 'financial' || type.startsWith('judicial.') ? { amount: random.int(10, 500) * 1000 } : {}),
        attributes: attributesFor(type, random),
      });
      // About a third of adverse records are later settled: the same ref, revision 2, resolved.
      if (def.sign === 'negative' && random.chance(0.3)) {
        records.push({ ...record, revision: 2, status: 'resolved' });
      }
    }
  }
  for (const org of orgs) {
    const rep = random.pick(people);
    emit('relation.legal_representative', org, { related: { ...rep } });
    if (random.chance(0.5)) emit('relation.actual_controller', org, { related: { ...random.pick(people) } });
    if (random.chance(0.4)) emit('relation.shareholder', org, { related: { ...random.pick(people) } });
  }
  const featured = orgs[0] ?? people[0];
  if (featured && policy.recordTypes['judicial.dishonest_debtor']) {
    emit('judicial.dishonest_debtor', featured, {
      severity: 'serious', amount: 1_250_000, occurredAt: daysAgo(120), attributes: attributesFor('judicial.dishonest_debtor', random),
    });
  }
  return { records, featured: featured?.id ?? '' };
}

function attributesFor(type: string, random: SeededRandom): Record<string, unknown> {
  if (type === 'financial.loan_overdue') return { daysPastDue: random.pick([31, 60, 95, 180, 365]) };
  if (type.startsWith('judicial.')) return { court: random.pick(['北京市朝阳区人民法院', '上海市浦东新区人民法院', '深圳市南山区人民法院']) };
  return {};
}
