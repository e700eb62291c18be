import type { subjectReport } from '../../app/subject-report.js';

type Report = Awaited<ReturnType<typeof subjectReport>> & {
  accessLog?: Array<{ at: string; actor: string; role: string; action: string; purpose: string | null }>;
};
const day = (instant: string | null | undefined) => (instant ? instant.slice(0, 10) : '');

/** The human form of a subject report: score and reasons, records, list entries, relations. */
export function printReport(r: Report): void {
  const out: string[] = [];
  const s = r.subject;
  out.push(`${s.name ?? '(no name)'}  ${s.kind} ${s.identity ?? ''}  id ${s.id}`);
  out.push(`as of ${r.asOf}, policy ${r.policyVersion.slice(0, 19)}`);
  out.push('', `score ${r.score.score}, grade ${r.score.grade}   ` +
    Object.entries(r.score.dimensions).map(([d, p]) => `${d} ${p > 0 ? '+' : ''}${p}`).join(', '));
  for (const reason of r.score.reasons) out.push(`  ${reason.points > 0 ? '+' : ''}${reason.points.toFixed(2).padStart(8)}  ${reason.text}`);
  if (r.history.length > 1) {
    out.push('', 'score history: ' + r.history.map((h) => `${day(h.at)} ${h.score}`).join(' -> '));
  }
  out.push('', `records (${r.records.length})`);
  for (const x of r.records) {
    out.push(`  ${day(x.occurredAt)}  ${x.type.padEnd(36)} ${x.status.padEnd(9)} ${x.severity ?? ''}`.trimEnd());
    out.push(`      ${x.source} ${x.ref}${x.publishedUntil ? `, published until ${day(x.publishedUntil)}` : ''}`);
  }
  out.push('', `lists (${r.lists.length})`);
  for (const l of r.lists) {
    out.push(`  ${l.list} (${l.kind}) ${l.active ? 'listed' : 'ended'} ${day(l.startedAt)} -> ${day(l.endsAt)} (${l.endReason})`);
  }
  for (const w of r.warnings) out.push(`  warning: moves from ${w.fromList} to ${w.list} on ${day(w.escalatesAt)} unless resolved`);
  out.push('', `relations (${r.relations.length})`);
  for (const x of r.relations) {
    const who = x.other ? `${x.other.name ?? ''} ${x.other.identity ?? ''}`.trim() : '?';
    const span = `from ${day(x.validFrom)}${x.validTo ? ` to ${day(x.validTo)}` : ''}`;
    out.push(`  ${x.direction === 'has' ? `${x.type}: ${who}` : `${x.type} of ${who}`} ${span}`);
  }
  if (r.accessLog) {
    out.push('', `access log (${r.accessLog.length}, newest first)`);
    for (const a of r.accessLog.slice(0, 20)) out.push(`  ${a.at.slice(0, 19)}  ${a.actor} (${a.role}) ${a.action}, purpose ${a.purpose ?? '-'}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}
