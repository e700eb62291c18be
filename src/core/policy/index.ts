/** The policy: schema, loading and checking, catalogue requirements, version hash, terms. */
export * from './policy-schema.js';
export { loadPolicy } from './load-policy.js';
export { checkPolicy, policyProblems } from './check-policy.js';
export { policyVersion } from './policy-version.js';
export { termOf, type TermRange } from './term-of.js';
export { REQUIRED_CODES, REQUIRED_ACTIONS } from './required-codes.js';
export { DEFAULT_CONDUCT_CATEGORIES, forbiddenTopic, normaliseCategory } from './conduct-categories.js';
export { REMEDY_PLACEHOLDERS } from './check-measures.js';
export { formatPath, type PolicyPath, type PolicyProblem } from './policy-problem.js';
