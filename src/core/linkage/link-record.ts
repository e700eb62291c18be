/**
 * Linking one incoming record to a registry subject: deterministic rules first, then the match
 * weight. A full valid number links to the subject holding it; a 15-digit number is compared in its
 * 18-digit form; a masked number links only when its visible characters, the name and the rest of
 * the evidence leave exactly one candidate. Otherwise the best candidate's weight decides between
 * linking (at or above `autoLink`), human review (at or above `review`) and a provisional subject.
 * Two candidates above the auto-link threshold are never auto-linked: that is for a person to decide.
 */
import { maskedAgree } from './edit-distance.js';
import { prepareEvidence, type PersonEvidence, type PreparedEvidence } from './evidence.js';
import { explainPair, matchWeight, probabilityOf, type LinkageModel } from './model.js';
import { COMPARATORS, MISSING } from './comparisons.js';

export interface CandidateSubject {
  subjectId: string;
  /** What the registry holds about the subject: one entry per distinct identity evidence seen (prepared, or to prepare). */
  evidence: ReadonlyArray<PersonEvidence | PreparedEvidence>;
}

export interface LinkThresholds {
  /** Bits at or above which a record links without review. */
  autoLink: number;
  /** Bits at or above which a record waits for review; below, it gets a provisional subject. */
  review: number;
}

export type LinkBasis = 'identity-number' | 'legacy-identity-number' | 'masked-identity' | 'match-weight' | 'no-candidate';

export interface LinkDecision {
  decision: 'link' | 'review' | 'provisional';
  subjectId?: string;
  basis: LinkBasis;
  /** The match weight against the chosen (or best) candidate, in bits; NaN with no candidate. */
  weight: number;
  /** The part of `weight` that is the prior (one match in the population), before any comparison. */
  priorWeight?: number;
  probability: number;
  comparisons: Array<{ field: string; level: string; weight: number; text: string }>;
  /** Why, in words: shown to the reviewer and kept in the audit event. */
  reason: string;
}

interface Scored {
  subjectId: string;
  weight: number;
  best: PreparedEvidence;
}

/** Decide where one record goes; pure, and the same inputs always give the same decision. */
export function linkRecord(incoming: PersonEvidence, candidates: readonly CandidateSubject[], model: LinkageModel, thresholds: LinkThresholds): LinkDecision {
  if (thresholds.review > thresholds.autoLink) throw new RangeError('the review threshold cannot be above the auto-link threshold');
  const record = prepareEvidence(incoming);
  // A caller holding many candidates prepares each once (names to pinyin is the costly step).
  const prepared = candidates.map((c) => ({ subjectId: c.subjectId, evidence: c.evidence.map((e) => ('familyReading' in e ? e : prepareEvidence(e))) }));
  const legacy = /^\d{15}$/.test((incoming.idNumber ?? '').replace(/\s/g, ''));

  if (record.id !== '' && !record.idMasked) {
    const holders = prepared.filter((c) => c.evidence.some((e) => !e.idMasked && e.id === record.id));
    if (holders.length === 1) {
      return decided('link', score(model, record, holders[0]!), model, record, legacy ? 'legacy-identity-number' : 'identity-number',
        legacy ? 'the 15-digit number, in its 18-digit form, is the subject\'s' : 'the identity number is the subject\'s');
    }
    if (holders.length > 1) {
      return decided('review', best(model, record, holders)!, model, record, 'identity-number', `${holders.length} subjects hold this identity number`);
    }
  }

  // A candidate whose own full number contradicts this record's number is someone else.
  const compatible = prepared.filter((c) => !c.evidence.some((e) => conflictingNumbers(record, e)));

  if (record.idMasked) {
    const sameNumberAndName = compatible.filter((c) => c.evidence.some((e) => e.id !== '' && maskedAgree(record.id, e.id) && sameName(record, e)));
    const unique = sameNumberAndName.filter((c) => c.evidence.some((e) => !contradicts(record, e)));
    if (unique.length === 1) {
      const s = score(model, record, unique[0]!);
      if (s.weight >= thresholds.review) {
        return decided('link', s, model, record, 'masked-identity', 'the visible digits, the name and the other evidence fit exactly one subject');
      }
    } else if (unique.length > 1) {
      return decided('review', best(model, record, unique)!, model, record, 'masked-identity', `the visible digits and the name fit ${unique.length} subjects`);
    }
  }

  const ranked = compatible.map((c) => score(model, record, c)).sort((a, b) => b.weight - a.weight || (a.subjectId < b.subjectId ? -1 : 1));
  const top = ranked[0];
  if (!top) return { decision: 'provisional', basis: 'no-candidate', weight: Number.NaN, probability: 0, comparisons: [], reason: 'no candidate subject' };
  const second = ranked[1];
  if (top.weight >= thresholds.autoLink) {
    if (second && second.weight >= thresholds.autoLink) {
      return decided('review', top, model, record, 'match-weight', `two subjects are above the auto-link threshold (${fmt(top.weight)} and ${fmt(second.weight)} bits)`);
    }
    return decided('link', top, model, record, 'match-weight', `match weight ${fmt(top.weight)} bits is at or above the auto-link threshold ${fmt(thresholds.autoLink)}`);
  }
  if (top.weight >= thresholds.review) {
    return decided('review', top, model, record, 'match-weight', `match weight ${fmt(top.weight)} bits is between the review (${fmt(thresholds.review)}) and auto-link (${fmt(thresholds.autoLink)}) thresholds`);
  }
  const low = decided('provisional', top, model, record, 'match-weight', `best match weight ${fmt(top.weight)} bits is below the review threshold ${fmt(thresholds.review)}`);
  delete low.subjectId;
  return low;
}

function score(model: LinkageModel, record: PreparedEvidence, c: { subjectId: string; evidence: readonly PreparedEvidence[] }): Scored {
  let top: Scored | undefined;
  for (const e of c.evidence) {
    const w = matchWeight(model, record, e);
    if (!top || w > top.weight) top = { subjectId: c.subjectId, weight: w, best: e };
  }
  return top ?? { subjectId: c.subjectId, weight: Number.NEGATIVE_INFINITY, best: record };
}

function best(model: LinkageModel, record: PreparedEvidence, cs: ReadonlyArray<{ subjectId: string; evidence: readonly PreparedEvidence[] }>): Scored | undefined {
  return cs.map((c) => score(model, record, c)).sort((a, b) => b.weight - a.weight || (a.subjectId < b.subjectId ? -1 : 1))[0];
}

function decided(decision: LinkDecision['decision'], s: Scored, model: LinkageModel, record: PreparedEvidence, basis: LinkBasis, reason: string): LinkDecision {
  const explanation = explainPair(model, record, s.best);
  return {
    decision,
    subjectId: s.subjectId,
    basis,
    weight: s.weight,
    priorWeight: explanation.priorWeight,
    probability: probabilityOf(s.weight),
    comparisons: explanation.comparisons.map((c) => ({ field: c.field, level: c.level, weight: c.weight, text: c.text })),
    reason,
  };
}

/** Two full numbers that differ, or a masked one whose visible characters the other contradicts. */
function conflictingNumbers(a: PreparedEvidence, b: PreparedEvidence): boolean {
  if (a.id === '' || b.id === '') return false;
  if (a.idMasked || b.idMasked) return !maskedAgree(a.id, b.id, 1);
  return a.idValidResident && b.idValidResident && a.id !== b.id;
}

/** Same name readings, in either order (a transposed record still names the same person). */
function sameName(a: PreparedEvidence, b: PreparedEvidence): boolean {
  if (a.familyReading === '' || a.givenReading === '') return false;
  return (a.familyReading === b.familyReading && a.givenReading === b.givenReading) ||
    (a.familyReading === b.givenReading && a.givenReading === b.familyReading);
}

/** Evidence that rules the pair out: a birth date or region that plainly differs. */
function contradicts(a: PreparedEvidence, b: PreparedEvidence): boolean {
  const date = COMPARATORS.birthDate.compare(a, b);
  const region = COMPARATORS.region.compare(a, b);
  return (date !== MISSING && date >= 3) || (region !== MISSING && region >= 2);
}

const fmt = (x: number) => x.toFixed(1);
