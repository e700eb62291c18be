import type { Command } from 'commander';
import { openEvaluator } from '../../app/open-evaluator.js';
import { resolveSubject } from '../../app/resolve-subject.js';
import { subjectReport } from '../../app/subject-report.js';
import { printJson, withRegistry } from '../run-command.js';
import { asOfOption } from './as-of-option.js';
import { printReport } from './print-report.js';

/** `xinyong report SUBJECT`: everything held on a subject, identity masked. */
export function registerReport(program: Command): void {
  program.command('report')
    .description('everything the registry holds on a subject (identity masked)')
    .argument('<subject>', 'registry subject id, resident ID or USCC')
    .option('--as-of <instant>', 'report as the registry knew it at this instant')
    .action((given: string, opts: { asOf?: string }, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const evaluator = await openEvaluator(registry);
        const subject = await resolveSubject(registry, given);
        const report = await subjectReport(registry, evaluator, subject, asOfOption(opts.asOf, registry));
        if (g.json) printJson(report);
        else printReport(report);
      }));
}
