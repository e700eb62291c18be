import { describe, expect, it } from 'vitest';
import { reasonText, type ReasonFacts } from './reason-text.js';

const facts: ReasonFacts = {
  type: 'judicial.dishonest_debtor', source: 'court.enforcement', ref: '(2025)京0105执123号', occurredAt: '2025-03-01T00:00:00.000Z',
  severity: 'serious', basePoints: -250, decay: 0.8402, halfLife: 'P2Y', points: -210.05, limits: [], resolvedAt: null,
};

describe('reasonText', () => {
  it('names the conduct, the furnisher record, the date, the points and the decay', () => {
    expect(reasonText(facts)).toBe(
      'Dishonest judgment debtor (court.enforcement (2025)京0105执123号, 2025-03-01, serious): -250 points, 84% after decay (half-life 2 years), now -210.05',
    );
  });

  it('says which limit shrank the points', () => {
    const text = reasonText({ ...facts, points: -120.5, limits: [{ by: 'dimension', dimension: 'judicial', bound: -500 }, { by: 'score', side: 'floor', bound: 0 }] });
    expect(text).toMatch(/limited to -120\.5 by the judicial cap \(-500\) and the score floor \(0\)$/);
  });

  it('marks positive points and resolved records, and names unknown types from their code', () => {
    const text = reasonText({ ...facts, type: 'societal.tree_planting', severity: 'minor', basePoints: 5, decay: 1, halfLife: 'P1Y6M', points: 5, resolvedAt: '2025-04-02T10:00:00.000Z' });
    expect(text).toBe('Tree planting (court.enforcement (2025)京0105执123号, 2025-03-01, minor): +5 points, 100% after decay (half-life 1 year 6 months), now +5; resolved 2025-04-02, still counts as past conduct until its term ends');
  });

  it('never prints -0', () => {
    expect(reasonText({ ...facts, points: -0.001, limits: [{ by: 'dimension', dimension: 'judicial', bound: -500 }] })).toContain('limited to 0 by');
  });
});
