import type { Command } from 'commander';
import { activePolicy } from '../../app/registry.js';
import { resolveSubject } from '../../app/resolve-subject.js';
import { subjectReport } from '../../app/subject-report.js';
import { printJson, withRegistry } from '../run-command.js';
import { printReport } from './print-report.js';

/** `xinyong report SUBJECT`: everything held on a subject, identity masked. */
export function registerReport(program: Command): void {
  program.command('report')
    .description('everything the registry holds on a subject (identity masked)')
    .argument('<subject>', 'registry subject id, resident ID or USCC')
    .option('--as-of <instant>', 'report as the registry knew it at this instant')
    .action((given: string, opts: { asOf?: string }, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const { policy, version } = await activePolicy(registry);
        const subject = await resolveSubject(registry, given);
        const report = { ...(await subjectReport(registry, policy, subject, opts.asOf ?? registry.clock.now())), policyVersion: version };
        if (g.json) printJson(report);
        else printReport(report);
      }));
}
