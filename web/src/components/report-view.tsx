import type { ComponentChildren } from 'preact';
import type { Report } from '../api';
import { useT } from '../i18n';
import { Badge, Deadline, Empty, Section, day, dayTime } from '../ui';
import { LinksPanel } from './links-panel';
import { bits } from './match-waterfall';
import { RelationGraph } from './relation-graph';
import { ScoreChart } from './score-chart';

const tone = (status: string) => ({ active: 'bad', disputed: 'warn', suppressed: 'warn', resolved: 'ok', repaired: 'ok', expired: 'muted', retracted: 'muted' } as Record<string, string>)[status] ?? 'muted';

/** Everything the API's report holds on one subject; `actions` adds the subject's own forms; `onUnlink` (admins) ends an identity link. */
export function ReportView({ report, linkRelations, actions, onUnlink }: {
  report: Report; linkRelations: boolean; actions?: ComponentChildren; onUnlink?: (provisionalId: string, reason: string) => Promise<void>;
}) {
  const t = useT();
  const s = report.subject;
  const dims = Object.entries(report.score.dimensions);
  const maxDim = Math.max(1, ...dims.map(([, v]) => Math.abs(v)));
  const pending = [...report.objections, ...report.repairs].filter((c) => c.status === 'open' || c.status === 'pending');
  return (
    <div class="report">
      <header class="card subject-head">
        <div>
          <h1>{s.name ?? s.id}</h1>
          <p class="muted">{t.code('subjectKinds', s.kind)} · <span class="mono">{s.identity ?? '—'}</span> · <span class="mono small">{s.id}</span></p>
          <p class="muted small">{report.asOf.slice(0, 10)} · {report.policyVersion.slice(0, 19)}</p>
        </div>
        <div class="score-box" aria-label={`${t('score')} ${report.score.score}, ${t('grade')} ${report.score.grade}`}>
          <span class="score" data-testid="score">{report.score.score}</span>
          <span class={`grade grade-${report.score.grade}`} data-testid="grade">{report.score.grade}</span>
        </div>
      </header>

      {pending.length > 0 ? (
        <Section title={t('dueAt')} id="deadlines">
          <ul class="deadlines">
            {pending.map((c) => <li key={c.id}>{c.kind === 'repair' || c.commitment !== undefined ? t('repairs') : t('objections')} · {c.type} · <Deadline at={c.dueAt} /></li>)}
          </ul>
        </Section>
      ) : null}

      {actions}

      <div class="grid2">
        <Section title={t('scoreHistory')} id="history">
          {report.history.length === 0 ? <Empty /> : <ScoreChart history={report.history} />}
        </Section>
        <Section title={t('dimensions')} id="dimensions">
          {dims.length === 0 ? <Empty /> : (
            <table class="bars">
              <tbody>
                {dims.map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    <td><span class={v < 0 ? 'bar neg' : 'bar pos'} style={{ width: `${(Math.abs(v) / maxDim) * 100}%` }} /></td>
                    <td class="num">{v > 0 ? `+${v}` : v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      </div>

      <Section title={t('reasons')} id="reasons">
        {report.score.reasons.length === 0 ? <Empty /> : (
          <ul class="reasons">
            {report.score.reasons.map((r, i) => <li key={i}><span class={r.points < 0 ? 'pts neg' : 'pts pos'}>{r.points > 0 ? `+${r.points}` : r.points}</span> {r.text}</li>)}
          </ul>
        )}
      </Section>

      <Section title={t('records')} id="records">
        {report.records.length === 0 ? <Empty /> : (
          <ol class="timeline">
            {report.records.map((r) => (
              <li key={r.id} class={`rec ${tone(r.status)}`}>
                <div class="rec-head">
                  <time dateTime={r.occurredAt}>{day(r.occurredAt)}</time>
                  <strong>{r.type}</strong>
                  <Badge tone={tone(r.status)}>{r.status}</Badge>
                  {r.severity ? <span class="muted">{r.severity}</span> : null}
                  {r.linkage ? (
                    <span class="linked-marker" data-testid="linked-marker" title={r.linkage.reason}>
                      {t('linkedMarker')} · {bits(r.linkage.weight)} {t('bits')}
                    </span>
                  ) : null}
                </div>
                <dl class="rec-facts">
                  <div><dt>{t('source')}</dt><dd>{r.source} · {r.ref}</dd></div>
                  <div><dt>{t('publishedUntil')}</dt><dd>{day(r.publishedUntil)}</dd></div>
                  {r.repairableFrom ? <div><dt>{t('repairableFrom')}</dt><dd>{day(r.repairableFrom)}</dd></div> : null}
                  {r.legalBasis ? <div><dt>{t('legalBasis')}</dt><dd>{r.legalBasis}</dd></div> : null}
                  {r.linkage ? <div><dt>{t('heldBy')}</dt><dd class="mono">{r.linkage.heldBy}</dd></div> : null}
                </dl>
                {r.statements.map((st) => <blockquote key={st.objectionId}>{st.statement}</blockquote>)}
              </li>
            ))}
          </ol>
        )}
      </Section>

      <div class="grid2">
        <Section title={t('lists')} id="lists">
          {report.lists.length === 0 ? <Empty /> : (
            <table>
              <thead><tr><th scope="col">{t('list')}</th><th scope="col">{t('startedAt')}</th><th scope="col">{t('endsAt')}</th><th scope="col">{t('status')}</th></tr></thead>
              <tbody>{report.lists.map((l, i) => <tr key={i}><td>{l.list} <Badge tone={l.kind === 'red' ? 'ok' : 'bad'}>{l.kind}</Badge></td><td>{day(l.startedAt)}</td><td>{day(l.endsAt)}</td><td>{l.active ? '●' : l.endReason}</td></tr>)}</tbody>
            </table>
          )}
        </Section>
        <Section title={t('relations')} id="relations">
          {report.relations.length === 0 ? <Empty>{t('relationsEmpty')}</Empty> : <RelationGraph name={s.name ?? s.id} relations={report.relations} linkable={linkRelations} />}
        </Section>
      </div>

      {report.links && (report.links.history.length > 0 || report.links.reviews.length > 0) ? (
        <LinksPanel subjectId={s.id} links={report.links} onUnlink={onUnlink} />
      ) : null}

      <div class="grid2">
        <Section title={t('objections')} id="objections">
          {report.objections.length === 0 ? <Empty /> : (
            <table>
              <thead><tr><th scope="col">{t('record')}</th><th scope="col">{t('status')}</th><th scope="col">{t('dueAt')}</th></tr></thead>
              <tbody>{report.objections.map((o) => <tr key={o.id}><td>{o.type}<br /><small>{o.statement}</small></td><td>{o.status}</td><td>{o.status === 'open' ? <Deadline at={o.dueAt} /> : day(o.dueAt)}</td></tr>)}</tbody>
            </table>
          )}
        </Section>
        <Section title={t('repairs')} id="repairs">
          {report.repairs.length === 0 ? <Empty /> : (
            <table>
              <thead><tr><th scope="col">{t('record')}</th><th scope="col">{t('status')}</th><th scope="col">{t('dueAt')}</th></tr></thead>
              <tbody>{report.repairs.map((o) => <tr key={o.id}><td>{o.type}</td><td>{o.status}</td><td>{o.status === 'pending' ? <Deadline at={o.dueAt} /> : day(o.dueAt)}</td></tr>)}</tbody>
            </table>
          )}
        </Section>
      </div>

      <Section title={t('accessLog')} id="access-log" help={t('accessLogHelp')}>
        {report.accessLog.length === 0 ? <Empty /> : (
          <table class="access-log">
            <thead><tr><th scope="col">{t('at')}</th><th scope="col">{t('actor')}</th><th scope="col">{t('role')}</th><th scope="col">{t('action')}</th><th scope="col">{t('purpose')}</th></tr></thead>
            <tbody>{report.accessLog.map((a, i) => <tr key={i}><td>{dayTime(a.at)}</td><td class="mono">{a.actor}</td><td>{t.code('role', a.role)}</td><td>{a.action}</td><td>{a.purpose ?? '—'}</td></tr>)}</tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
