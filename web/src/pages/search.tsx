import { useState } from 'preact/hooks';
import { api, type ApiError, type SubjectView } from '../api';
import { useT } from '../i18n';
import { PurposeField, usePurpose } from '../purpose';
import { href } from '../router';
import { asApiError, Empty, ErrorBox, Loading } from '../ui';

type Hit = SubjectView & { score: number | null; grade: string | null };
interface Page { items: Hit[]; next: string | null }

/** Subject search: the server finds by id, identity number (exact) or name prefix, a page at a time. */
export function SearchPage() {
  const t = useT();
  const [purpose, setPurpose] = usePurpose();
  const [query, setQuery] = useState(() => sessionStorage.getItem('xinyong.query') ?? '');
  const [pages, setPages] = useState<Array<string | undefined>>([]);
  const [result, setResult] = useState<Page | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async (after: string | undefined, trail: Array<string | undefined>) => {
    setBusy(true);
    setError(undefined);
    try {
      sessionStorage.setItem('xinyong.query', query);
      setResult(await api<Page>('POST', '/v1/subjects/search', { query, purpose, ...(after ? { after } : {}), limit: 20 }));
      setPages(trail);
    } catch (e) {
      setError(asApiError(e));
      setResult(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <h1>{t('navSearch')}</h1>
      <form class="card search" role="search" onSubmit={(e) => { e.preventDefault(); void run(undefined, [undefined]); }}>
        <div class="field grow">
          <label for="q">{t('searchLabel')}</label>
          <input id="q" name="q" type="search" required maxLength={100} value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        </div>
        <PurposeField purpose={purpose} onChange={setPurpose} />
        <button type="submit" class="primary" disabled={busy}>{t('search')}</button>
      </form>
      <div aria-live="polite">
        {busy ? <Loading /> : null}
        {error ? <ErrorBox error={error} /> : null}
        {result && !busy ? (
          result.items.length === 0 ? <Empty>{t('searchEmpty')}</Empty> : (
            <div class="card">
              <table class="results">
                <caption class="sr-only">{t('navSearch')}</caption>
                <thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('kind')}</th><th scope="col">{t('identity')}</th><th scope="col">{t('score')}</th><th scope="col">{t('grade')}</th></tr></thead>
                <tbody>
                  {result.items.map((s) => (
                    <tr key={s.id}>
                      <td><a href={href('subject', s.id)}>{s.name ?? s.id}</a></td>
                      <td>{t.code('subjectKinds', s.kind)}</td>
                      <td class="mono">{s.identity ?? '—'}</td>
                      <td>{s.score ?? '—'}</td>
                      <td>{s.grade ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div class="pager">
                {pages.length > 1 ? <button type="button" onClick={() => void run(undefined, [undefined])}>{t('first')}</button> : null}
                {result.next ? <button type="button" onClick={() => void run(result.next!, [...pages, result.next!])}>{t('more')}</button> : null}
              </div>
            </div>
          )
        ) : null}
      </div>
    </div>
  );
}
