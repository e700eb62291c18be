/** Rule scoring: live records, decay, dimension caps, grades and a reason for every point. */
export { scoreSubject, type ScoreOptions } from './score-subject.js';
export type { ScoreReason, SubjectScore } from './score-types.js';
export { decayFactor } from './decay.js';
export { isLive, recordKey } from './live-records.js';
export { capPoints, type CappedPoints } from './cap-points.js';
export { gradeOf } from './grade-of.js';
export { reasonText, type ReasonFacts, type ReasonLimit } from './reason-text.js';
