import type { Command } from 'commander';
import { Errors } from '../../core/errors.js';
import { runDemo } from '../../app/demo/run-demo.js';
import { resolveSubject } from '../../app/resolve-subject.js';
import { XyFailure } from '../../app/xy-failure.js';
import { OPERATOR } from '../../app/operator.js';
import { ExitCode, printJson, withService } from '../run-command.js';
import { printReport } from './print-report.js';

const count = (v: string) => Number.parseInt(v, 10);

/** `xinyong demo`: generate and ingest a reproducible synthetic population. */
export function registerDemo(program: Command): void {
  program.command('demo')
    .description('generate and ingest a reproducible synthetic population')
    .option('--people <n>', 'people', count, 300)
    .option('--orgs <n>', 'organisations', count, 60)
    .option('--seed <n>', 'random seed', count, 2014)
    .option('--if-empty', 'do nothing when the store already holds subjects')
    .option('--report', 'finish with the report of a featured subject')
    .action((opts: { people: number; orgs: number; seed: number; ifEmpty?: boolean; report?: boolean }, command: Command) =>
      withService(command, async (service, g) => {
        const { registry } = service;
        for (const [name, v] of [['--people', opts.people], ['--orgs', opts.orgs], ['--seed', opts.seed]] as const) {
          if (!Number.isSafeInteger(v) || v < 0) throw new XyFailure(Errors.BAD_ARGUMENT(`${name} must be a whole number of at least 0`));
        }
        const result = await runDemo(registry, { ...opts, ifEmpty: Boolean(opts.ifEmpty) });
        const s = result.summary;
        if (g.json) printJson({ ...result, summary: { ...s, errors: s.errors.slice(0, 20) } });
        else if (result.skipped) process.stdout.write(`store ${g.db} already holds a population; nothing generated\n`);
        else process.stdout.write(`demo population in ${g.db}: accepted ${s.accepted}, updated ${s.updated}, rejected ${s.rejected}\n`);
        if (opts.report && result.featured && !g.json) {
          const subject = await resolveSubject(registry, result.featured);
          process.stdout.write(`\nreport of a featured subject (xinyong report ${subject.id}):\n\n`);
          printReport(await service.report(OPERATOR, subject.id, 'demo_walkthrough'));
        }
        return s.rejected > 0 ? ExitCode.someRejected : ExitCode.ok;
      }, true));
}
