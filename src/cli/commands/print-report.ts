import type { subjectReport } from '../../app/subject-report.js';

type Report = Awaited<ReturnType<typeof subjectReport>> & {
  accessLog?: Array<{ at: string; actor: string; role: string; action: string; purpose: string | null }>;
};
const day = (instant: string | null | undefined) => (instant ? instant.slice(0, 10) : '');

type RecordView = Report['records'][number];

/** Whether relying parties see a record now, and until when. */
function publication(x: RecordView): string {
  if (x.status === 'repaired') return 'no longer published (repaired)';
  if (x.status === 'suppressed') return 'not published while suppressed (objection unanswered)';
  if (x.status === 'retracted') return 'withdrawn by its furnisher';
  if (x.status === 'expired') return `publication ended ${day(x.publishedUntil)}`;
  const until = x.publishedUntil ? ` until ${day(x.publishedUntil)}` : '';
  return x.published ? `published${until}` : `counted, not published (minor)${until}`;
}

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
    out.push(`  ${day(x.occurredAt)}  ${x.type.padEnd(36)} ${x.status.padEnd(10)} ${x.severity ?? ''}`.trimEnd());
    out.push(`      ${x.source} ${x.ref}, record ${x.id}`);
    out.push(`      ${publication(x)}${x.repairableFrom && x.status === 'resolved' ? `; repairable from ${day(x.repairableFrom)}` : ''}`);
    for (const st of x.statements) out.push(`      statement of the subject (${day(st.filedAt)}): ${st.statement}`);
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
  if (r.objections.length > 0) {
    out.push('', `objections (${r.objections.length})`);
    for (const o of r.objections) {
      const when = o.status === 'open' ? `answer due ${day(o.dueAt)}` : o.status === 'lapsed' ? `lapsed ${day(o.lapsedAt)}: record suppressed until certified` : `answered ${day(o.resolvedAt)}`;
      out.push(`  ${o.id} ${o.source} ${o.ref}: ${o.status}, ${when}`);
    }
  }
  if (r.repairs.length > 0) {
    out.push('', `repairs (${r.repairs.length})`);
    for (const x of r.repairs) {
      out.push(`  ${x.id} ${x.source} ${x.ref}: ${x.status}, ${x.status === 'pending' ? `decision due ${x.dueAt.slice(0, 16)}` : `decided ${day(x.decidedAt)} by ${x.decidedBy}`}`);
    }
  }
  if (r.notices.length > 0) {
    out.push('', `notices (${r.notices.length}, newest first; \`xinyong notices\` shows them in full)`);
    for (const n of r.notices.slice(0, 10)) out.push(`  ${n.at.slice(0, 19)}  ${n.kind}`);
  }
  if (r.accessLog) {
    out.push('', `access log (${r.accessLog.length}, newest first)`);
    for (const a of r.accessLog.slice(0, 20)) out.push(`  ${a.at.slice(0, 19)}  ${a.actor} (${a.role}) ${a.action}, purpose ${a.purpose ?? '-'}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}
