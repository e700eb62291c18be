import { Option, type Command } from 'commander';
import type { DueProcessCase, ObjectionOutcome } from '../../core/due-process/case-types.js';
import { OUTCOMES } from '../../core/due-process/objection.js';
import { OPERATOR } from '../../app/operator.js';
import { resolveSubject } from '../../app/resolve-subject.js';
import { printJson, withService } from '../run-command.js';

/** One line a person can read about a case. */
function caseLine(c: DueProcessCase): string {
  const what = `${c.kind} ${c.id} on ${c.source} ${c.ref} (${c.type}): ${c.status}`;
  if (c.kind === 'objection') {
    const when = c.status === 'open' ? `answer due ${c.dueAt}` : c.status === 'lapsed' ? `lapsed ${c.lapsedAt} (record suppressed)` : `answered ${c.resolvedAt}`;
    return `${what}, ${when}`;
  }
  return `${what}, ${c.status === 'pending' ? `decision due ${c.dueAt}` : `decided ${c.decidedAt} by ${c.decidedBy}`}`;
}

function print(json: boolean | undefined, c: DueProcessCase): void {
  if (json) printJson(c);
  else process.stdout.write(`${caseLine(c)}\n`);
}

/**
 * `xinyong objections file|add|answer|list`: the operator acting on a subject's written objection
 * (received by post or at a counter) or on a furnisher's answer; audited as the operator.
 */
export function registerObjections(program: Command): void {
  const objections = program.command('objections').description('objections: a subject disputes a record, its furnisher answers');
  objections.command('file')
    .description("dispute a record on the subject's behalf")
    .argument('<record>', 'record id (as in the report)')
    .requiredOption('--statement <text>', "the subject's statement (up to 500 characters)")
    .action((recordId: string, opts: { statement: string }, command: Command) =>
      withService(command, async (service, g) => print(g.json, await service.cases.fileObjection(OPERATOR, { recordId, statement: opts.statement }))));
  objections.command('add')
    .description('add new information from the subject (extends the deadline once)')
    .argument('<objection>', 'objection id')
    .requiredOption('--text <text>', 'the new information')
    .action((id: string, opts: { text: string }, command: Command) =>
      withService(command, async (service, g) => print(g.json, await service.cases.addInformation(OPERATOR, id, opts.text))));
  objections.command('answer')
    .description("record the furnisher's answer: upheld, corrected or withdrawn (after a lapse, upheld certifies the record)")
    .argument('<objection>', 'objection id')
    .addOption(new Option('--outcome <outcome>', "the furnisher's answer").choices(OUTCOMES).makeOptionMandatory())
    .option('--note <text>', "the furnisher's note")
    .action((id: string, opts: { outcome: ObjectionOutcome; note?: string }, command: Command) =>
      withService(command, async (service, g) => print(g.json, await service.cases.answerObjection(OPERATOR, id, { outcome: opts.outcome, note: opts.note }))));
  registerCaseList(objections, 'objection');
}

/** `xinyong repairs apply|decide|list`: credit repair (信用修复) applications. */
export function registerRepairs(program: Command): void {
  const repairs = program.command('repairs').description('credit repair: a subject applies to end the publication of a resolved record');
  repairs.command('apply')
    .description("apply for repair on the subject's behalf, with the subject's written commitment")
    .argument('<record>', 'record id (as in the report)')
    .requiredOption('--commitment <text>', "the subject's written commitment (信用承诺)")
    .action((recordId: string, opts: { commitment: string }, command: Command) =>
      withService(command, async (service, g) => print(g.json, await service.cases.applyForRepair(OPERATOR, { recordId, commitment: opts.commitment }))));
  repairs.command('decide')
    .description('approve or reject a pending application')
    .argument('<repair>', 'repair id')
    .option('--approve', 'approve it')
    .option('--reject', 'reject it')
    .option('--note <text>', 'the reason, told to the subject')
    .action((id: string, opts: { approve?: boolean; reject?: boolean; note?: string }, command: Command) =>
      withService(command, async (service, g) => {
        if (opts.approve === opts.reject) command.error('give exactly one of --approve and --reject', { exitCode: 2 });
        print(g.json, await service.cases.decideRepair(OPERATOR, id, { approve: opts.approve === true, note: opts.note }));
      }));
  registerCaseList(repairs, 'repair');
}

function registerCaseList(parent: Command, kind: DueProcessCase['kind']): void {
  parent.command('list')
    .description(`${kind}s of a subject, or the open ${kind}s of a source`)
    .option('--subject <subject>', 'registry subject id, resident ID or USCC')
    .option('--source <source>', 'furnisher source id (open cases only)')
    .action((opts: { subject?: string; source?: string }, command: Command) =>
      withService(command, async (service, g) => {
        if (!opts.subject === !opts.source) command.error('give exactly one of --subject and --source', { exitCode: 2 });
        const found = opts.subject
          ? await service.cases.casesOf(OPERATOR, (await resolveSubject(service.registry, opts.subject)).id)
          : await service.cases.openCasesOf(OPERATOR, opts.source);
        const mine = found.filter((c) => c.kind === kind);
        if (g.json) printJson(mine);
        else if (mine.length === 0) process.stdout.write(`no ${kind}s\n`);
        else for (const c of mine) process.stdout.write(`${caseLine(c)}\n`);
      }));
}
