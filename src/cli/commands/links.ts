import { Option, type Command } from 'commander';
import { OPERATOR } from '../../app/operator.js';
import { resolveSubject } from '../../app/resolve-subject.js';
import type { LinkReview, SubjectLink } from '../../ports/linkage-store.js';
import { printJson, withService } from '../run-command.js';

const bits = (w: number | null) => (w === null ? 'no weight' : `${w.toFixed(1)} bits`);

function linkLine(l: SubjectLink): string {
  const state = l.unlinkedAt ? `, unlinked ${l.unlinkedAt} by ${l.unlinkedBy} (${l.unlinkReason})` : '';
  return `link ${l.id}: ${l.subjectId} -> ${l.targetId} (${l.basis}, ${bits(l.weight)}) by ${l.linkedBy} at ${l.linkedAt}${state}`;
}

const reviewLine = (r: Pick<LinkReview, 'id' | 'subjectId' | 'candidateId' | 'status' | 'basis' | 'weight'> & { reason: string }) =>
  `review ${r.id}: ${r.subjectId} may be ${r.candidateId} (${r.basis}, ${bits(r.weight)}): ${r.status}; ${r.reason}`;

/**
 * `xinyong links reviews|decide|join|unlink`: identity links after ingest. A record about a person
 * without a full number gets a provisional subject; ingest links it, queues it here, or leaves it.
 */
export function registerLinks(program: Command): void {
  const links = program.command('links').description('identity links: review uncertain ones, link or unlink provisional subjects');
  links.command('reviews')
    .description('open link reviews, oldest first, with each comparison')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .option('--after <review>', 'start after this review id (paging)')
    .action((opts: { limit: number; after?: string }, command: Command) =>
      withService(command, async (service, g) => {
        const queue = await service.links.queue(OPERATOR, opts.limit, opts.after);
        if (g.json) return printJson(queue);
        if (queue.length === 0) return void process.stdout.write('no open link reviews\n');
        for (const { review, subject, candidate } of queue) {
          process.stdout.write(`${reviewLine(review)}\n`);
          process.stdout.write(`  record:    ${review.source} ${review.ref}, named ${subject?.name ?? '?'} ${subject?.identity ?? '(no number)'}\n`);
          process.stdout.write(`  candidate: ${candidate?.name ?? '?'} ${candidate?.identity ?? '(no number)'}\n`);
          for (const c of review.comparisons) process.stdout.write(`    ${c.text}\n`);
        }
      }));
  links.command('decide')
    .description('decide a review: link the provisional subject into the candidate, or reject the link')
    .argument('<review>', 'review id')
    .addOption(new Option('--outcome <outcome>', 'link or reject').choices(['link', 'reject']).makeOptionMandatory())
    .option('--note <text>', 'why')
    .action((id: string, opts: { outcome: 'link' | 'reject'; note?: string }, command: Command) =>
      withService(command, async (service, g) => {
        const decided = await service.links.decideReview(OPERATOR, id, { outcome: opts.outcome, ...(opts.note ? { note: opts.note } : {}) });
        if (g.json) printJson(decided);
        else process.stdout.write(`${reviewLine({ ...decided, reason: decided.note ?? decided.detail.reason })}\n`);
      }));
  links.command('join')
    .description('link a provisional subject into another subject by hand (its records then count there)')
    .argument('<subject>', 'the provisional subject (registry id)')
    .argument('<into>', 'the subject it is (registry id or identity number)')
    .option('--note <text>', 'why')
    .action((subject: string, into: string, opts: { note?: string }, command: Command) =>
      withService(command, async (service, g) => {
        const target = await resolveSubject(service.registry, into);
        const link = await service.links.link(OPERATOR, subject.toLowerCase(), target.id, opts.note);
        if (g.json) printJson(link);
        else process.stdout.write(`${linkLine(link)}\n`);
      }));
  links.command('unlink')
    .description("end a subject's link: its records count as its own again and scores are recomputed")
    .argument('<subject>', 'the linked subject (registry id)')
    .requiredOption('--reason <text>', 'why the link was wrong')
    .action((subject: string, opts: { reason: string }, command: Command) =>
      withService(command, async (service, g) => {
        const ended = await service.links.unlink(OPERATOR, subject.toLowerCase(), opts.reason);
        if (g.json) printJson(ended);
        else process.stdout.write(`${linkLine(ended)}\n`);
      }));
}
