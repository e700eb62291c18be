import type { Command } from 'commander';
import { decideAction } from '../../app/decide-action.js';
import { openEvaluator } from '../../app/open-evaluator.js';
import { resolveSubject } from '../../app/resolve-subject.js';
import { printJson, withRegistry } from '../run-command.js';
import { asOfOption } from './as-of-option.js';

/** `xinyong decide SUBJECT ACTION [--as-of T]`: allow, deny, review or benefit, with reasons and remedies. */
export function registerDecide(program: Command): void {
  program.command('decide')
    .description('may the subject do ACTION? the effect with each measure, its legal basis and remedy')
    .argument('<subject>', 'registry subject id, resident ID or USCC')
    .argument('<action>', 'e.g. air_travel.purchase, procurement.bid, rental.deposit')
    .option('--as-of <instant>', 'decide as of this instant (default: now)')
    .action((given: string, action: string, opts: { asOf?: string }, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const evaluator = await openEvaluator(registry);
        const subject = await resolveSubject(registry, given);
        const d = await decideAction(evaluator, subject, action, asOfOption(opts.asOf, registry));
        if (g.json) {
          printJson(d);
          return;
        }
        process.stdout.write(`${subject.name ?? subject.id}: ${action} -> ${d.effect.toUpperCase()} (as of ${d.asOf})\n`);
        for (const m of d.measures) {
          const via = m.trigger.via ? ` via ${m.trigger.via.role.replace('_', ' ')} of ${m.trigger.via.orgName ?? m.trigger.via.orgId}` : '';
          const why = m.trigger.list ? `listed on ${m.trigger.list}${m.trigger.record ? ` (${m.trigger.record.source} ${m.trigger.record.ref})` : ''}` : `grade ${m.trigger.grade}`;
          process.stdout.write(`  ${m.effect}${m.paused ? ' (paused: under dispute)' : ''}: ${m.id}, ${why}${via}\n`);
          process.stdout.write(`    legal basis: ${m.legalBasis}\n    remedy: ${m.remedy}${m.until ? `\n    until: ${m.until.slice(0, 10)}` : ''}\n`);
        }
      }));
}
