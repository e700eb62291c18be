import type { Registry } from './registry.js';
import type { SubjectEvaluator } from './subject-evaluator.js';

export interface RescoreSummary {
  subjects: number;
  policyVersion: string;
  asOf: string;
}

/**
 * Recompute every subject's derived state under the evaluator's policy, streaming the population
 * in pages (constant memory), one transaction per page.
 */
export async function rescoreAll(
  registry: Registry, evaluator: SubjectEvaluator, asOf: string, onProgress?: (done: number) => void, pageSize = 2000,
): Promise<RescoreSummary> {
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const page = await registry.store.subjectPage(after, pageSize);
    if (page.length === 0) break;
    await registry.store.transaction((tx) => evaluator.on(tx).refresh(page.map((s) => s.id), asOf));
    done += page.length;
    after = page[page.length - 1]!.id;
    onProgress?.(done);
  }
  return { subjects: done, policyVersion: evaluator.policyVersion, asOf };
}
