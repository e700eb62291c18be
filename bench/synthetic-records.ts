import { residentIdCheckChar } from '../src/core/identity/resident-id.js';
import { SeededRandom } from '../src/app/demo/seeded-random.js';
import { DEMO_REGIONS, demoUscc } from '../src/app/demo/demo-identities.js';

/** Types and severities the synthetic records use (all in the default policy). */
const PERSON_TYPES: Array<[string, string]> = [
  ['financial.loan_overdue', 'general'],
  ['financial.loan_repaid', 'minor'],
  ['societal.traffic_violation', 'minor'],
  ['judicial.dishonest_debtor', 'serious'],
  ['commercial.contract_breach', 'general'],
];
const ORG_TYPES: Array<[string, string]> = [
  ['commercial.administrative_penalty', 'general'],
  ['commercial.abnormal_operations', 'general'],
  ['commercial.tax_violation', 'general'],
  ['platform.counterfeit_listing', 'general'],
];

/**
 * `count` record lines in the contract's JSON form, reproducibly: over a pool of about count/5
 * people and count/50 organisations, or one subject per record with `distinctSubjects`.
 */
export function* syntheticRecords(count: number, seed = 7, options: { distinctSubjects?: boolean } = {}): Generator<Record<string, unknown>> {
  const random = new SeededRandom(seed);
  const distinct = options.distinctSubjects ?? false;
  const people = Array.from({ length: distinct ? count : Math.max(1, Math.floor(count / 5)) }, () => {
    const body = `${random.pick(DEMO_REGIONS)}${random.int(1950, 2004)}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}${String(random.int(0, 999)).padStart(3, '0')}`;
    return body + residentIdCheckChar(body);
  });
  const orgs = Array.from({ length: Math.max(1, Math.floor(count / 50)) }, () => demoUscc(random));
  for (let i = 0; i < count; i++) {
    const isOrg = !distinct && random.chance(0.2);
    const [type, severity] = random.pick(isOrg ? ORG_TYPES : PERSON_TYPES);
    yield {
      source: isOrg ? 'market.samr' : 'bank.bench',
      ref: `B-${i}`,
      revision: 1,
      type,
      subject: { kind: isOrg ? 'org' : 'person', id: isOrg ? random.pick(orgs) : distinct ? people[i]! : random.pick(people) },
      occurredAt: `20${String(random.int(22, 25)).padStart(2, '0')}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      severity,
      amount: random.int(1, 1000) * 100,
      status: 'active',
      attributes: type === 'financial.loan_overdue' ? { daysPastDue: random.int(1, 400) } : {},
    };
  }
}
