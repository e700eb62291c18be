import type { Command } from 'commander';
import { OPERATOR } from '../../app/operator.js';
import { resolveSubject } from '../../app/resolve-subject.js';
import { printJson, withService } from '../run-command.js';
import { asOfOption } from './as-of-option.js';
import { withPurpose } from './purpose-option.js';

/** `xinyong score SUBJECT [--as-of T]`: reproducible for the same records and policy version. */
export function registerScore(program: Command): void {
  withPurpose(program.command('score'))
    .description("a subject's score, grade, dimension points and the reasons behind every point")
    .argument('<subject>', 'registry subject id, resident ID or USCC')
    .option('--as-of <instant>', 'score as of this instant (default: now)')
    .action((given: string, opts: { asOf?: string; purpose: string }, command: Command) =>
      withService(command, async (service, g) => {
        const subject = await resolveSubject(service.registry, given);
        const asOf = asOfOption(opts.asOf, service.registry);
        const view = await service.score(OPERATOR, subject.id, opts.purpose, asOf);
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
