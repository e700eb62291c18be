import { useState } from 'preact/hooks';
import { api, qs, type CaseView, type Me } from '../api';
import { useT } from '../i18n';
import { Badge, Deadline, Empty, Show, day, useLoad } from '../ui';
import type { Overview } from './overview';

/** Open objections and repairs of a furnisher's records with their deadlines (admins pick the source). */
export function CasesPage({ me }: { me: Me }) {
  const t = useT();
  const [source, setSource] = useState(me.source ?? sessionStorage.getItem('xinyong.source') ?? '');
  const sources = useLoad(async () => (me.role === 'admin' ? [...new Set((await api<Overview>('GET', '/v1/overview')).recordsBySource.map((r) => r.source))].sort() : []), [me.role]);
  return (
    <div>
      <h1>{t('queue')}</h1>
      <p class="help">{t('queueHelp')}</p>
      {me.role === 'admin' ? (
        <div class="card">
          <Show loaded={sources}>{(list) => (
            <div class="field">
              <label for="case-source">{t('furnisherSource')}</label>
              <select id="case-source" value={source} onChange={(e) => {
                const v = (e.target as HTMLSelectElement).value;
                sessionStorage.setItem('xinyong.source', v);
                setSource(v);
              }}>
                <option value="">—</option>
                {list.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            </div>
          )}</Show>
        </div>
      ) : <p class="muted">{t('source')}: {me.source}</p>}
      {source || me.role === 'furnisher' ? <Queue source={me.role === 'admin' ? source : undefined} /> : null}
    </div>
  );
}

function Queue({ source }: { source: string | undefined }) {
  const t = useT();
  const loaded = useLoad(() => api<CaseView[]>('GET', `/v1/cases${qs({ source, limit: 200 })}`), [source]);
  return (
    <div class="card">
      <Show loaded={loaded}>{(cases) => cases.length === 0 ? <Empty /> : (
        <table data-testid="queue">
          <thead><tr><th scope="col">{t('dueAt')}</th><th scope="col">{t('kind')}</th><th scope="col">{t('record')}</th><th scope="col">{t('status')}</th><th scope="col">{t('statement')}</th></tr></thead>
          <tbody>{[...cases].sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1)).map((c) => (
            <tr key={c.id}>
              <td><Deadline at={c.dueAt} /></td>
              <td><Badge tone={c.kind === 'objection' ? 'warn' : 'ok'}>{c.kind === 'objection' ? t('objections') : t('repairs')}</Badge></td>
              <td>{c.type}<br /><small class="mono">{c.source} · {c.ref}</small></td>
              <td>{c.status}<br /><small>{day(c.filedAt ?? c.appliedAt)}</small></td>
              <td>{c.statement ?? c.commitment ?? ''}</td>
            </tr>
          ))}</tbody>
        </table>
      )}</Show>
    </div>
  );
}
