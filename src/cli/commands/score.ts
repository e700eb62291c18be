import type { Command } from 'commander';
import { openEvaluator } from '../../app/open-evaluator.js';
import { resolveSubject } from '../../app/resolve-subject.js';
import { scoreView } from '../../app/score-view.js';
import { printJson, withRegistry } from '../run-command.js';
import { asOfOption } from './as-of-option.js';

/** `xinyong score SUBJECT [--as-of T]`: reproducible for the same records and policy version. */
export function registerScore(program: Command): void {
  program.command('score')
    .description("a subject's score, grade, dimension points and the reasons behind every point")
    .argument('<subject>', 'registry subject id, resident ID or USCC')
    .option('--as-of <instant>', 'score as of this instant (default: now)')
    .action((given: string, opts: { asOf?: string }, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const evaluator = await openEvaluator(registry);
        const subject = await resolveSubject(registry, given);
        const asOf = asOfOption(opts.asOf, registry);
        const evaluation = (await evaluator.evaluate([subject.id], asOf)).get(subject.id)!;
        const view = scoreView(evaluation, evaluator.policyVersion);
        if (g.json) {
          printJson(view);
          return;
        }
        const dims = Object.entries(view.dimensions).map(([d, p]) => `${d} ${p > 0 ? '+' : ''}${p}`).join(', ');
        process.stdout.write(`${subject.name ?? subject.id}: score ${view.score}, grade ${view.grade} (${dims}) as of ${asOf}\n`);
        for (const r of view.reasons) process.stdout.write(`  ${(r.points > 0 ? '+' : '') + r.points.toFixed(2)}  ${r.text}\n`);
        if (view.reasons.length === 0) process.stdout.write('  no live records: the base score applies\n');
      }));
}
