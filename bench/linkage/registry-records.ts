/**
 * Synthetic people as registry records: each record with a full valid number as a bank's (a numbered
 * subject), each other one (masked number, name only) as a court's that linkage must place. Refs
 * are `entity:uniqueId`, so the true person can be read back from the store.
 */
import { identityForm } from '../../src/core/linkage/evidence.js';
import { residentIdCheckChar } from '../../src/core/identity/resident-id.js';
import type { SyntheticRecord } from './synthetic-people.js';

const isFull = (r: SyntheticRecord) => {
  const id = identityForm(r.evidence.idNumber);
  return /^\d{17}[\dX]$/.test(id) && residentIdCheckChar(id.slice(0, 17)) === id[17];
};
const nameOf = (r: SyntheticRecord) => r.evidence.name ?? `${r.evidence.familyName ?? ''}${r.evidence.givenName ?? ''}`;

export function registryRecords(all: readonly SyntheticRecord[]): { numbered: unknown[]; unnumbered: unknown[] } {
  const numbered: unknown[] = [];
  const unnumbered: unknown[] = [];
  for (const r of all) {
    if (isFull(r)) {
      numbered.push({
        source: 'bank.eval', ref: `${r.entity}:${r.uniqueId}`, type: 'financial.loan_overdue', occurredAt: '2026-01-01',
        subject: { kind: 'person', id: r.evidence.idNumber, name: nameOf(r) }, attributes: { daysPastDue: 40 },
      });
    } else if (nameOf(r) !== '') {
      const masked = r.evidence.idNumber && identityForm(r.evidence.idNumber).includes('*') ? { id: identityForm(r.evidence.idNumber) } : {};
      unnumbered.push({
        source: 'court.eval', ref: `${r.entity}:${r.uniqueId}`, type: 'judicial.dishonest_debtor', occurredAt: '2026-03-01', severity: 'serious',
        subject: { kind: 'person', name: nameOf(r), ...masked },
        attributes: { court: '评估法院', ...(r.evidence.birthDate ? { birthDate: r.evidence.birthDate } : {}), ...(r.evidence.region ? { region: r.evidence.region } : {}) },
      });
    }
  }
  return { numbered, unnumbered };
}

