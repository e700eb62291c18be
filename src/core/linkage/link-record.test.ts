import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_LINK_THRESHOLDS, defaultPersonModel } from './default-person-model.js';
import { linkRecord, type CandidateSubject } from './link-record.js';

const model = defaultPersonModel(1_000_000);
const T = DEFAULT_LINK_THRESHOLDS;
const ZHANG = '11010519491231002X';
const ZHANG_15 = '110105491231002';
const OTHER = '440305198001011235';

const candidates: CandidateSubject[] = [
  { subjectId: 's-zhang', evidence: [{ name: '张三', idNumber: ZHANG, region: '110105' }] },
  { subjectId: 's-other', evidence: [{ name: '张三', idNumber: OTHER, birthDate: '1980-01-01' }] },
  { subjectId: 's-ouyang', evidence: [{ name: '欧阳娜娜', birthDate: '1990-05-06', region: '440305' }] },
];

describe('linkRecord', () => {
  it('links a full valid number to its holder, and a 15-digit number through its 18-digit form', () => {
    expect(linkRecord({ idNumber: ZHANG }, candidates, model, T)).toMatchObject({ decision: 'link', subjectId: 's-zhang', basis: 'identity-number' });
    expect(linkRecord({ idNumber: ZHANG_15, name: '张三' }, candidates, model, T)).toMatchObject({ decision: 'link', subjectId: 's-zhang', basis: 'legacy-identity-number' });
  });

  it('links a masked number only when visible digits, name and other evidence leave one candidate', () => {
    const masked = '1101**********002X';
    const d = linkRecord({ idNumber: masked, name: 'Zhang San' }, candidates, model, T);
    expect(d).toMatchObject({ decision: 'link', subjectId: 's-zhang', basis: 'masked-identity' });
    expect(d.comparisons.find((c) => c.field === 'idNumber')).toMatchObject({ level: 'masked parts agree' });
    // A second subject with the same visible digits and name: a person decides.
    const withTwin = [...candidates, { subjectId: 's-twin', evidence: [{ name: '张三', idNumber: '1101**********002X' }] }];
    expect(linkRecord({ idNumber: masked, name: '张三' }, withTwin, model, T).decision).toBe('review');
  });

  it('never links a masked number whose visible digits contradict the candidate', () => {
    const d = linkRecord({ idNumber: '4403**********1236', name: '张三' }, [candidates[0]!], model, T);
    expect(d.decision).toBe('provisional');
  });

  it('uses the match weight without numbers: strong evidence links, weak gives a provisional subject', () => {
    const strong = linkRecord({ name: 'OUYANG Nana', birthDate: '1990-05-06', region: '440305' }, candidates, model, T);
    expect(strong).toMatchObject({ decision: 'link', subjectId: 's-ouyang', basis: 'match-weight' });
    expect(strong.weight).toBeGreaterThanOrEqual(T.autoLink);
    const weak = linkRecord({ name: '王伟' }, candidates, model, T);
    expect(weak.decision).toBe('provisional');
    expect(weak.subjectId).toBeUndefined();
  });

  it('sends two candidates above the auto-link threshold to review', () => {
    const twins: CandidateSubject[] = [
      { subjectId: 'a', evidence: [{ name: '欧阳娜娜', birthDate: '1990-05-06', region: '440305' }] },
      { subjectId: 'b', evidence: [{ name: '欧阳娜娜', birthDate: '1990-05-06', region: '440305' }] },
    ];
    expect(linkRecord({ name: '欧阳娜娜', birthDate: '1990-05-06', region: '440305' }, twins, model, T)).toMatchObject({ decision: 'review' });
  });

  it('is deterministic and does not depend on the order of candidates', () => {
    fc.assert(fc.property(fc.shuffledSubarray(candidates, { minLength: 1 }), (cs) => {
      const incoming = { name: '张三', birthDate: '1980-01-01' };
      const a = linkRecord(incoming, cs, model, T);
      const b = linkRecord(incoming, [...cs].reverse(), model, T);
      expect(b).toEqual(a);
    }));
  });
});
