import { useState } from 'preact/hooks';
import { api, type ApiError, type Me } from '../api';
import { useT } from '../i18n';
import { asApiError, day, Empty, ErrorBox, Section, Show, useLoad } from '../ui';

interface ActivePolicy {
  version: string;
  name: string;
  createdAt: string;
  sourceText: string;
  versions: Array<{ version: string; name: string; createdAt: string; activatedAt: string[] }>;
}

interface Example { subject: string; identity: string | null; name: string | null; from: string; to: string }
interface Simulation {
  activeVersion: string;
  candidateVersion: string;
  subjects: number;
  limit: number;
  grades: { changed: number; matrix: Record<string, Record<string, number>>; examples: Example[] };
  lists: Record<string, { entered: number; left: number; examples: Example[] }>;
  decisions: Record<string, { flipped: number; changes: Record<string, number>; examples: Example[] }>;
}

/** The active policy; for admins, a candidate YAML simulated against it (nothing is stored). */
export function PolicyPage({ me }: { me: Me }) {
  const t = useT();
  const loaded = useLoad(() => api<ActivePolicy>('GET', '/v1/policy'), []);
  return (
    <div>
      <h1>{t('policy')}</h1>
      <Show loaded={loaded}>{(p) => (
        <>
          <Section title={t('activeVersion')} id="active">
            <p><strong>{p.name}</strong> · <span class="mono" data-testid="policy-version">{p.version}</span> · {day(p.createdAt)}</p>
            <details>
              <summary>{t('versions')} ({p.versions.length})</summary>
              <ul>{p.versions.map((v) => <li key={v.version}><span class="mono">{v.version.slice(0, 19)}</span> {v.name} · {v.activatedAt.map(day).join(', ')}</li>)}</ul>
            </details>
          </Section>
          {me.role === 'admin' ? <Simulator active={p.sourceText} /> : null}
        </>
      )}</Show>
    </div>
  );
}

function Simulator({ active }: { active: string }) {
  const t = useT();
  const [yaml, setYaml] = useState('');
  const [result, setResult] = useState<Simulation | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api<Simulation>('POST', '/v1/policy/simulations', { yaml }));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const lists = result ? Object.entries(result.lists).filter(([, l]) => l.entered + l.left > 0) : [];
  const decisions = result ? Object.entries(result.decisions).filter(([, d]) => d.flipped > 0) : [];
  return (
    <Section title={t('simulate')} id="simulate">
      <form onSubmit={submit}>
        <div class="field">
          <label for="candidate">{t('candidate')}</label>
          <textarea id="candidate" class="code" rows={14} required spellcheck={false} value={yaml} onInput={(e) => setYaml((e.target as HTMLTextAreaElement).value)} />
        </div>
        <div class="row">
          <button type="button" onClick={() => setYaml(active)}>{t('loadActive')}</button>
          <button type="submit" class="primary" disabled={busy}>{busy ? t('loading') : t('simulate')}</button>
        </div>
      </form>
      <div aria-live="polite">
        {error ? <ErrorBox error={error} /> : null}
        {result ? (
          <div class="simulation" data-testid="simulation">
            <h3>{t('simulation')}</h3>
            <p>{t('compared')}: <strong>{result.subjects}</strong> (≤ {result.limit}) · <span class="mono">{result.activeVersion.slice(0, 19)} → {result.candidateVersion.slice(0, 19)}</span></p>
            <p>{t('gradesChanged')}: <strong data-testid="grades-changed">{result.grades.changed}</strong></p>
            <GradeMatrix matrix={result.grades.matrix} />
            <h4>{t('lists')}</h4>
            {lists.length === 0 ? <Empty /> : <ul>{lists.map(([name, l]) => <li key={name}>{name}: +{l.entered} {t('entered')}, −{l.left} {t('left')}</li>)}</ul>}
            <h4>{t('navDecide')}</h4>
            {decisions.length === 0 ? <Empty /> : <ul>{decisions.map(([name, d]) => <li key={name}>{name}: {d.flipped} {t('flipped')} ({Object.entries(d.changes).map(([c, n]) => `${c} ${n}`).join(', ')})</li>)}</ul>}
          </div>
        ) : null}
      </div>
    </Section>
  );
}

/** Rows: grade under the active policy; columns: grade under the candidate. */
function GradeMatrix({ matrix }: { matrix: Simulation['grades']['matrix'] }) {
  const t = useT();
  const to = [...new Set(Object.values(matrix).flatMap((row) => Object.keys(row)))].sort();
  return (
    <table class="matrix">
      <caption>{t('grade')}: {t('activeVersion')} → {t('candidate')}</caption>
      <thead><tr><th scope="col">↓ / →</th>{to.map((g) => <th scope="col" class="num" key={g}>{g}</th>)}</tr></thead>
      <tbody>{Object.entries(matrix).sort().map(([from, row]) => (
        <tr key={from}><th scope="row">{from}</th>{to.map((g) => <td key={g} class={g !== from && (row[g] ?? 0) > 0 ? 'num changed' : 'num'}>{row[g] ?? 0}</td>)}</tr>
      ))}</tbody>
    </table>
  );
}
