import type { Evaluation } from '../core/subject/evaluate-subject.js';

/** The `score` contract: the same records and policy version give the same document, byte for byte. */
export function scoreView(evaluation: Evaluation, policyVersion: string) {
  const s = evaluation.score;
  return {
    subject: evaluation.subjectId,
    score: s.score,
    grade: s.grade,
    dimensions: s.dimensions,
    reasons: s.reasons.map((r) => ({ code: r.code, recordId: r.recordId, dimension: r.dimension, points: r.points, text: r.text })),
    policyVersion,
    asOf: evaluation.asOf,
  };
}
