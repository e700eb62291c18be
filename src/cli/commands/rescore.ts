import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { openEvaluator } from '../../app/open-evaluator.js';
import { auditWrite, OPERATOR } from '../../app/operator.js';
import { rescoreAll } from '../../app/rescore.js';
import { printJson, withRegistry } from '../run-command.js';

/** `xinyong rescore`: recompute every subject's score and list entries under the active policy. */
export function registerRescore(program: Command): void {
  program.command('rescore')
    .description("recompute every subject's score and list entries under the active policy")
    .action((_o, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const evaluator = await openEvaluator(registry);
        const total = (await registry.store.stats()).subjects;
        const bar = process.stderr.isTTY ? new SingleBar({ format: 'rescore [{bar}] {percentage}% | {value}/{total} subjects' }) : undefined;
        bar?.start(total, 0);
        const started = performance.now();
        const summary = await rescoreAll(registry, evaluator, registry.clock.now(), (done) => bar?.update(done));
        bar?.stop();
        const seconds = (performance.now() - started) / 1000;
        await auditWrite(registry, OPERATOR, 'subjects.rescore', { subjects: summary.subjects, version: summary.policyVersion });
        if (g.json) printJson({ ...summary, seconds: Number(seconds.toFixed(3)) });
        else process.stdout.write(`rescored ${summary.subjects} subjects under ${summary.policyVersion} in ${seconds.toFixed(1)} s\n`);
      }));
}
