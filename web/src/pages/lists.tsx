import { useState } from 'preact/hooks';
import { api, qs } from '../api';
import { useT } from '../i18n';
import { PurposeField, usePurpose } from '../purpose';
import { go, href } from '../router';
import { Badge, Empty, Show, day, useLoad } from '../ui';
import type { Overview } from './overview';

interface EntryPage {
  asOf: string;
  items: Array<{ subject: { id: string; kind: string; identity: string | null; name: string | null }; list: string; kind: string; startedAt: string; endsAt: string; endReason: string }>;
  next: string | null;
}

/** The lists of the active policy with their sizes; one list's entries in force, a page at a time. */
export function ListsPage({ list }: { list: string | undefined }) {
  const t = useT();
  const overview = useLoad(() => api<Overview>('GET', '/v1/overview'), []);
  const [purpose, setPurpose] = usePurpose();
  const [kind, setKind] = useState('');
  return (
    <div>
      <h1>{t('navLists')}</h1>
      <Show loaded={overview}>{(o) => (
        <div class="card">
          <div class="row">
            <div class="field">
              <label for="list-select">{t('list')}</label>
              <select id="list-select" value={list ?? ''} onChange={(e) => go('lists', (e.target as HTMLSelectElement).value)}>
                <option value="">—</option>
                {o.lists.filter((l) => kind === '' || l.kind === kind).map((l) => <option key={l.list} value={l.list}>{l.list} ({l.count})</option>)}
              </select>
            </div>
            <div class="field">
              <label for="kind-select">{t('kind')}</label>
              <select id="kind-select" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
                <option value="">—</option>
                {['black', 'red', 'watch'].map((k) => <option key={k} value={k}>{k}</option>)}
              </select>
            </div>
            <PurposeField purpose={purpose} onChange={setPurpose} />
          </div>
          {list ? <p class="help">{o.lists.find((l) => l.list === list)?.description}</p> : (
            <table>
              <thead><tr><th scope="col">{t('list')}</th><th scope="col">{t('kind')}</th><th scope="col" class="num">{t('count')}</th></tr></thead>
              <tbody>{o.lists.filter((l) => kind === '' || l.kind === kind).map((l) => (
                <tr key={l.list}><td><a href={href('lists', l.list)}>{l.list}</a><br /><small>{l.description}</small></td><td><Badge tone={l.kind === 'red' ? 'ok' : l.kind === 'black' ? 'bad' : 'warn'}>{l.kind}</Badge></td><td class="num">{l.count}</td></tr>
              ))}</tbody>
            </table>
          )}
        </div>
      )}</Show>
      {list ? <Entries list={list} purpose={purpose} /> : null}
    </div>
  );
}

function Entries({ list, purpose }: { list: string; purpose: string }) {
  const t = useT();
  const [trail, setTrail] = useState<Array<string | undefined>>([undefined]);
  const after = trail[trail.length - 1];
  const page = useLoad(() => api<EntryPage>('GET', `/v1/lists/${encodeURIComponent(list)}/entries${qs({ purpose, after, limit: 20 })}`), [list, purpose, after]);
  return (
    <div class="card">
      <Show loaded={page}>{(p) => p.items.length === 0 ? <Empty /> : (
        <>
          <table>
            <caption class="sr-only">{list}</caption>
            <thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('identity')}</th><th scope="col">{t('startedAt')}</th><th scope="col">{t('endsAt')}</th></tr></thead>
            <tbody>{p.items.map((e) => (
              <tr key={`${e.subject.id}-${e.startedAt}`}><td><a href={href('subject', e.subject.id)}>{e.subject.name ?? e.subject.id}</a></td><td class="mono">{e.subject.identity ?? '—'}</td><td>{day(e.startedAt)}</td><td>{day(e.endsAt)}</td></tr>
            ))}</tbody>
          </table>
          <div class="pager">
            {trail.length > 1 ? <button type="button" onClick={() => setTrail(trail.slice(0, -1))}>←</button> : null}
            {p.next ? <button type="button" onClick={() => setTrail([...trail, p.next!])}>{t('more')}</button> : null}
          </div>
        </>
      )}</Show>
    </div>
  );
}
