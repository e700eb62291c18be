import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../test/support/default-policy.js';
import { termOf } from '../../core/policy/term-of.js';
import { parseRecord } from '../../core/records/parse-record.js';
import type { ParsedRecord } from '../../core/records/record-input.js';
import { addDuration, parseDuration } from '../../core/time/duration.js';
import { generatePopulation, type PopulationOptions } from './generate-population.js';

const policy = defaultPolicy();
const NOW = '2025-06-15T08:30:00.000Z';
const options: PopulationOptions = { people: 2000, orgs: 200, seed: 2014, now: NOW };

/** Every record parsed as ingest would, with the latest revision of each (source, ref). */
function parsedPopulation(opts: PopulationOptions) {
  const population = generatePopulation(policy, opts);
  const parsed: ParsedRecord[] = [];
  const rejected: string[] = [];
  for (const [i, raw] of population.records.entries()) {
    const r = parseRecord(raw, { policy, now: opts.now });
    if (r.ok) parsed.push(r.value);
    else rejected.push(`record ${i}: ${r.error.code} ${r.error.message} ${JSON.stringify(raw)}`);
  }
  const latest = new Map<string, ParsedRecord>();
  for (const r of parsed) latest.set(`${r.source}\u0000${r.ref}`, r);
  return { population, parsed, rejected, latest: [...latest.values()] };
}

const isNegative = (type: string) => {
  const def = policy.recordTypes[type];
  return def?.kind === 'conduct' && def.sign === 'negative';
};

describe('generatePopulation', () => {
  const { population, parsed, rejected, latest } = parsedPopulation(options);

  it('is reproducible: the same options give the same records in the same order; another seed differs', () => {
    expect(generatePopulation(policy, options)).toEqual(population);
    const other = generatePopulation(policy, { ...options, seed: 2015 });
    expect(other.records).not.toEqual(population.records);
    expect(other.featured).not.toBe(population.featured);
  });

  it('produces records that all pass the ingest contract and the default policy', () => {
    expect(rejected).toEqual([]);
    for (const seed of [1, 7, 99]) {
      expect(parsedPopulation({ people: 300, orgs: 60, seed, now: NOW }).rejected).toEqual([]);
    }
    // Tiny and empty populations still work (the CLI accepts --people 0).
    expect(parsedPopulation({ people: 3, orgs: 2, seed: 5, now: NOW }).rejected).toEqual([]);
    expect(generatePopulation(policy, { people: 0, orgs: 0, seed: 1, now: NOW })).toEqual({ records: [], featured: '' });
  });

  it('dates everything on or before now, conduct within about six years', () => {
    const sixYearsAgo = addDuration(NOW, { years: -6, months: -1, days: 0 });
    for (const r of parsed) {
      expect(r.occurredAt <= NOW).toBe(true);
      if (!r.type.startsWith('relation.')) expect(r.occurredAt >= sixYearsAgo, `${r.type} ${r.occurredAt}`).toBe(true);
    }
  });

  it('uses every record type of the policy, and revisions keep source, ref, subject and occurredAt', () => {
    const types = new Set(parsed.map((r) => r.type));
    expect([...types].sort()).toEqual(Object.keys(policy.recordTypes).sort());
    const first = new Map(parsed.filter((r) => r.revision === 1).map((r) => [`${r.source}\u0000${r.ref}`, r]));
    for (const r of parsed.filter((x) => x.revision > 1)) {
      const original = first.get(`${r.source}\u0000${r.ref}`);
      expect(original, `${r.source} ${r.ref}`).toBeDefined();
      expect({ ...r, revision: 1, status: 'active' }).toEqual(original);
    }
    const refs = parsed.filter((r) => r.revision === 1).map((r) => `${r.source}\u0000${r.ref}`);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('has plausible rates: most people have no adverse record', () => {
    const people = new Set(parsed.flatMap((r) => [r.subject, r.related ?? r.subject]).filter((s) => s.kind === 'person').map((s) => s.normalizedId));
    const adverse = new Set(parsed.filter((r) => r.subject.kind === 'person' && isNegative(r.type)).map((r) => r.subject.normalizedId));
    const share = adverse.size / options.people;
    expect(people.size).toBeGreaterThan(options.people / 2);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.35);
    const count = (type: string) => parsed.filter((r) => r.type === type && r.revision === 1).length;
    expect(count('financial.loan_repaid')).toBeGreaterThan(count('financial.loan_overdue') * 3);
    expect(count('judicial.dishonest_debtor')).toBeLessThan(count('financial.loan_overdue'));
    // Overdue loans carry days past due and no severity of their own: the policy derives it.
    for (const raw of population.records.filter((r) => r.type === 'financial.loan_overdue')) {
      expect(raw).not.toHaveProperty('severity');
      expect(typeof (raw.attributes as Record<string, unknown>).daysPastDue).toBe('number');
    }
    expect(new Set(parsed.filter((r) => r.type === 'financial.loan_overdue').map((r) => r.severity))).toEqual(new Set(['minor', 'general', 'serious']));
    for (const r of parsed.filter((x) => x.type === 'judicial.dishonest_debtor')) expect(typeof r.attributes.court).toBe('string');
    expect(parsed.filter((r) => r.type === 'societal.traffic_violation').every((r) => r.severity === 'minor')).toBe(true);
  });

  it('registers enterprises, individual businesses, social organisations and a few government bodies', () => {
    const orgs = new Map(parsed.flatMap((r) => [r.subject, r.related ?? r.subject]).filter((s) => s.kind === 'org').map((s) => [s.normalizedId, s]));
    const byCode = new Map<string, number>();
    for (const id of orgs.keys()) byCode.set(id.slice(0, 2), (byCode.get(id.slice(0, 2)) ?? 0) + 1);
    expect([...byCode.keys()].sort()).toEqual(['11', '51', '52', '91', '92']);
    expect(byCode.get('91')!).toBeGreaterThan(orgs.size / 2);
    expect(byCode.get('11')!).toBeGreaterThanOrEqual(3);
    expect(byCode.get('11')!).toBeLessThan(orgs.size / 10);
    const government = parsed.filter((r) => r.type.startsWith('government.'));
    expect(government.length).toBeGreaterThan(0);
    const isGovernment = (s: ParsedRecord['subject']) => s.kind === 'org' && s.normalizedId.startsWith('11');
    for (const r of government) expect(isGovernment(r.subject)).toBe(true);
    // Government bodies have obligations here, not market conduct.
    for (const r of parsed.filter((x) => isGovernment(x.subject) && x.type !== 'relation.legal_representative')) {
      expect(r.type).toMatch(/^government\./);
    }
  });

  it('gives every organisation a legal representative from its founding; some change, some have more relations', () => {
    const orgIds = new Set(parsed.filter((r) => r.subject.kind === 'org').map((r) => r.subject.normalizedId));
    const current = new Set(latest.filter((r) => r.type === 'relation.legal_representative' && r.status === 'active').map((r) => r.subject.normalizedId));
    for (const id of orgIds) expect(current.has(id), `org ${id}`).toBe(true);
    for (const r of parsed.filter((x) => x.type === 'relation.legal_representative')) expect(r.related?.kind).toBe('person');
    const ended = latest.filter((r) => r.type === 'relation.legal_representative' && r.status === 'resolved');
    expect(ended.length).toBeGreaterThan(0);
    for (const r of ended) {
      const successor = latest.find((x) => x.type === 'relation.legal_representative' && x.status === 'active' && x.subject.normalizedId === r.subject.normalizedId);
      expect(successor!.occurredAt > r.occurredAt).toBe(true);
    }
    // Conduct never precedes the founding (the first legal representative's start).
    const founded = new Map<string, string>();
    for (const r of parsed.filter((x) => x.type === 'relation.legal_representative')) {
      const known = founded.get(r.subject.normalizedId);
      if (known === undefined || r.occurredAt < known) founded.set(r.subject.normalizedId, r.occurredAt);
    }
    for (const r of parsed.filter((x) => x.subject.kind === 'org' && !x.type.startsWith('relation.'))) {
      expect(r.occurredAt >= founded.get(r.subject.normalizedId)!, `${r.type} ${r.occurredAt}`).toBe(true);
    }
    expect(parsed.some((r) => r.type === 'relation.shareholder' && r.related?.kind === 'org')).toBe(true);
  });

  it('has resolved, retracted and expired records', () => {
    const statuses = new Set(latest.map((r) => r.status));
    expect(statuses).toEqual(new Set(['active', 'resolved', 'retracted']));
    const expired = latest.filter((r) => {
      const def = policy.recordTypes[r.type];
      if (def?.kind !== 'conduct' || r.status !== 'active' || !r.severity) return false;
      return addDuration(r.occurredAt, parseDuration(termOf(policy, r.type, r.severity).max)!) <= NOW;
    });
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.some((r) => isNegative(r.type))).toBe(true);
    // A few abnormal-operations entries are over three years old and never resolved: they escalate.
    const threeYearsAgo = addDuration(NOW, { years: -3, months: 0, days: 0 });
    expect(latest.some((r) => r.type === 'commercial.abnormal_operations' && r.status === 'active' && r.occurredAt < threeYearsAgo)).toBe(true);
  });

  it('features a listed enterprise whose legal representative has a clean record', () => {
    const { featured, featuredPerson } = population;
    expect(featured).toMatch(/^91/);
    const listing = latest.filter((r) => r.type === 'judicial.dishonest_debtor' && r.subject.normalizedId === featured);
    expect(listing.some((r) => r.status === 'active' && r.severity === 'serious' && typeof r.attributes.court === 'string')).toBe(true);
    const rep = latest.find((r) => r.type === 'relation.legal_representative' && r.subject.normalizedId === featured && r.status === 'active');
    expect(rep?.related?.normalizedId).toBe(featuredPerson);
    expect(parsed.filter((r) => r.subject.normalizedId === featuredPerson && isNegative(r.type))).toEqual([]);
  });

  it('generates 10,000 people and 1,000 organisations quickly', () => {
    const started = performance.now();
    const big = generatePopulation(policy, { people: 10_000, orgs: 1_000, seed: 3, now: NOW });
    const elapsed = performance.now() - started;
    expect(big.records.length).toBeGreaterThan(10_000);
    // Typically a few hundred milliseconds; the bound leaves room for a loaded CI machine.
    expect(elapsed).toBeLessThan(2_000);
  });
});
