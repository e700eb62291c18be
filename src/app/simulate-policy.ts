import { decide } from '../core/decisions/decide.js';
import { indexMeasures } from '../core/decisions/measure-index.js';
import type { Policy } from '../core/policy/policy-schema.js';
import { evaluateSubject, type Evaluation } from '../core/subject/evaluate-subject.js';
import { liveRoles } from '../core/subject/live-roles.js';
import { subjectStateOf } from '../core/subject/subject-state-of.js';
import type { SubjectRow } from '../ports/registry-store.js';
import type { Registry } from './registry.js';

export interface PolicyUnderTest {
  policy: Policy;
  version: string;
}

interface Example {
  subject: string;
  identity: string | null;
  name: string | null;
  from: string;
  to: string;
}

export interface SimulationSummary {
  activeVersion: string;
  candidateVersion: string;
  asOf: string;
  subjects: number;
  grades: { changed: number; matrix: Record<string, Record<string, number>>; examples: Example[] };
  lists: Record<string, { entered: number; left: number; examples: Example[] }>;
  decisions: Record<string, { flipped: number; changes: Record<string, number>; examples: Example[] }>;
}

const MAX_EXAMPLES = 3;

/**
 * Compare a candidate policy with the active one over the whole population at `asOf`: grade
 * transitions, list entries entering or leaving, and decisions flipping per action, with examples.
 * Streams the population in pages; nothing is written.
 */
export async function simulatePolicy(
  registry: Registry, active: PolicyUnderTest, candidate: PolicyUnderTest, asOf: string, onProgress?: (done: number) => void,
): Promise<SimulationSummary> {
  const summary: SimulationSummary = {
    activeVersion: active.version, candidateVersion: candidate.version, asOf, subjects: 0,
    grades: { changed: 0, matrix: {}, examples: [] }, lists: {}, decisions: {},
  };
  const policies = [active.policy, candidate.policy] as const;
  const indexes = policies.map(indexMeasures);
  const actions = [...new Set([...Object.keys(active.policy.actions), ...Object.keys(candidate.policy.actions)])].sort();
  let after: string | null = null;
  for (;;) {
    const page: SubjectRow[] = await registry.store.subjectPage(after, 1000);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const revisions = await registry.store.revisionsOfSubjects(page.map((s) => s.id));
    const evaluations = policies.map((p) => new Map(page.map((s) => [s.id, evaluateSubject(p, s.id, revisions.get(s.id) ?? [], asOf)])));
    const orgIds = [...new Set(page.flatMap((s) => liveRoles(active.policy, evaluations[0]!.get(s.id)!).map((r) => r.orgId)))];
    const orgRevisions = await registry.store.revisionsOfSubjects(orgIds);
    const orgs = policies.map((p) => new Map(orgIds.map((id) => [id, { evaluation: evaluateSubject(p, id, orgRevisions.get(id) ?? [], asOf), name: null }])));
    for (const subject of page) {
      const [a, b] = [evaluations[0]!.get(subject.id)!, evaluations[1]!.get(subject.id)!];
      const example = (from: string, to: string): Example => ({ subject: subject.id, identity: subject.idMasked, name: subject.name, from, to });
      compareGrades(summary, a, b, example);
      compareLists(summary, a, b, example);
      const states = policies.map((p, i) => subjectStateOf(p, i === 0 ? a : b, subject.kind, orgs[i]!));
      for (const action of actions) {
        const effects = policies.map((p, i) => {
          const d = decide(p, indexes[i]!, states[i]!, action);
          return d.ok ? d.value.effect : 'unknown';
        });
        const entry = (summary.decisions[action] ??= { flipped: 0, changes: {}, examples: [] });
        if (effects[0] === effects[1]) continue;
        entry.flipped++;
        const change = `${effects[0]}->${effects[1]}`;
        entry.changes[change] = (entry.changes[change] ?? 0) + 1;
        if (entry.examples.length < MAX_EXAMPLES) entry.examples.push(example(effects[0]!, effects[1]!));
      }
    }
    summary.subjects += page.length;
    onProgress?.(summary.subjects);
  }
  return summary;
}

function compareGrades(summary: SimulationSummary, a: Evaluation, b: Evaluation, example: (f: string, t: string) => Example): void {
  const [from, to] = [a.score.grade, b.score.grade];
  const row = (summary.grades.matrix[from] ??= {});
  row[to] = (row[to] ?? 0) + 1;
  if (from === to) return;
  summary.grades.changed++;
  if (summary.grades.examples.length < MAX_EXAMPLES) summary.grades.examples.push(example(`${from} (${a.score.score})`, `${to} (${b.score.score})`));
}

function compareLists(summary: SimulationSummary, a: Evaluation, b: Evaluation, example: (f: string, t: string) => Example): void {
  const listed = (e: Evaluation) => new Set(e.entries.filter((x) => x.active).map((x) => x.list));
  const [before, after] = [listed(a), listed(b)];
  for (const list of new Set([...before, ...after])) {
    const entry = (summary.lists[list] ??= { entered: 0, left: 0, examples: [] });
    if (before.has(list) === after.has(list)) continue;
    if (after.has(list)) entry.entered++;
    else entry.left++;
    if (entry.examples.length < MAX_EXAMPLES) entry.examples.push(example(before.has(list) ? 'listed' : 'not listed', after.has(list) ? 'listed' : 'not listed'));
  }
}
