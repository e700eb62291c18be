import type { Command } from 'commander';
import { OPERATOR } from '../../app/operator.js';
import { resolveSubject } from '../../app/resolve-subject.js';
import { printJson, withService } from '../run-command.js';

/** `xinyong notices SUBJECT | --source ID`: what the registry has told a subject or a furnisher. */
export function registerNotices(program: Command): void {
  program.command('notices')
    .description('notices sent to a subject (adverse changes, cases, warnings) or to a furnisher (--source)')
    .argument('[subject]', 'registry subject id, resident ID or USCC')
    .option('--source <source>', 'a furnisher source id instead of a subject')
    .option('--limit <n>', 'at most this many, newest first', '50')
    .action((given: string | undefined, opts: { source?: string; limit: string }, command: Command) =>
      withService(command, async (service, g) => {
        if (!given === !opts.source) command.error('give a subject or --source', { exitCode: 2 });
        const recipient = given ? `subject:${(await resolveSubject(service.registry, given)).id}` : `source:${opts.source}`;
        const notices = await service.notices(OPERATOR, recipient, Number(opts.limit) || 50);
        if (g.json) printJson(notices);
        else if (notices.length === 0) process.stdout.write('no notices\n');
        else for (const n of notices) process.stdout.write(`${n.at}  ${n.kind}  ${JSON.stringify(n.body)}\n`);
      }));
}
