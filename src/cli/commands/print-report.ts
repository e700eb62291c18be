import type { subjectReport } from '../../app/subject-report.js';

type Report = Awaited<ReturnType<typeof subjectReport>> & { policyVersion: string };

/** The human form of a subject report: one line per record, list entry and relation. */
export function printReport(r: Report): void {
  const out: string[] = [];
  const s = r.subject;
  out.push(`${s.name ?? '(no name)'}  ${s.kind} ${s.identity ?? ''}  id ${s.id}`);
  out.push(`as of ${r.asOf}, policy ${r.policyVersion.slice(0, 19)}`);
  out.push('', `records (${r.records.length})`);
  for (const x of r.records) {
    out.push(`  ${x.occurredAt.slice(0, 10)}  ${x.type.padEnd(36)} ${x.status.padEnd(9)} ${x.severity ?? ''}`.trimEnd());
    out.push(`      ${x.source} ${x.ref}${x.publishedUntil ? `, published until ${x.publishedUntil.slice(0, 10)}` : ''}`);
  }
  out.push('', `lists (${r.lists.length})`);
  for (const l of r.lists) {
    out.push(`  ${l.list} (${l.kind}) ${l.active ? 'listed' : 'ended'} ${l.startedAt.slice(0, 10)} -> ${l.endsAt.slice(0, 10)} (${l.endReason})`);
  }
  out.push('', `relations (${r.relations.length})`);
  for (const x of r.relations) {
    const who = x.other ? `${x.other.name ?? ''} ${x.other.identity ?? ''}` : '?';
    out.push(`  ${x.direction === 'has' ? `${x.type}: ${who}` : `${x.type} of ${who}`} from ${x.validFrom.slice(0, 10)}${x.validTo ? ` to ${x.validTo.slice(0, 10)}` : ''}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}
