import type { Command } from 'commander';
import { OPERATOR } from '../../app/operator.js';
import { resolveSubject } from '../../app/resolve-subject.js';
import { printJson, withService } from '../run-command.js';
import { asOfOption } from './as-of-option.js';
import { printReport } from './print-report.js';
import { withPurpose } from './purpose-option.js';

/** `xinyong report SUBJECT`: everything held on a subject, identity masked, with who looked. */
export function registerReport(program: Command): void {
  withPurpose(program.command('report'))
    .description('everything the registry holds on a subject (identity masked), with its access log')
    .argument('<subject>', 'registry subject id, resident ID or USCC')
    .option('--as-of <instant>', 'report as the registry knew it at this instant')
    .action((given: string, opts: { asOf?: string; purpose: string }, command: Command) =>
      withService(command, async (service, g) => {
        const subject = await resolveSubject(service.registry, given);
        const report = await service.report(OPERATOR, subject.id, opts.purpose, asOfOption(opts.asOf, service.registry));
        if (g.json) printJson(report);
        else printReport(report);
      }));
}
