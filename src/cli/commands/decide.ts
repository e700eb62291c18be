import type { Command } from 'commander';
import { OPERATOR } from '../../app/operator.js';
import { resolveSubject } from '../../app/resolve-subject.js';
import { printJson, withService } from '../run-command.js';
import { asOfOption } from './as-of-option.js';
import { withPurpose } from './purpose-option.js';

/** `xinyong decide SUBJECT ACTION [--as-of T]`: allow, deny, review or benefit, with reasons and remedies. */
export function registerDecide(program: Command): void {
  withPurpose(program.command('decide'))
    .description('may the subject do ACTION? the effect with each measure, its legal basis and remedy')
    .argument('<subject>', 'registry subject id, resident ID or USCC')
    .argument('<action>', 'e.g. air_travel.purchase, procurement.bid, rental.deposit')
    .option('--as-of <instant>', 'decide as of this instant (default: now)')
    .action((given: string, action: string, opts: { asOf?: string; purpose: string }, command: Command) =>
      withService(command, async (service, g) => {
        const subject = await resolveSubject(service.registry, given);
        const d = await service.decide(OPERATOR, { subject: subject.id, action, purpose: opts.purpose }, asOfOption(opts.asOf, service.registry));
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
