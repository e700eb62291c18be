import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { api } from '../api';
import { useT } from '../i18n';
import { Badge, Empty, Section, Show, useLoad } from '../ui';

export interface Overview {
  asOf: string;
  policyVersion: string;
  subjects: number;
  grades: Array<{ grade: string; count: number }>;
  lists: Array<{ list: string; kind: string; description: string; count: number }>;
  recordsBySource: Array<{ source: string; month: string; count: number }>;
}

const PALETTE = ['#9f1d20', '#1d4ed8', '#15803d', '#a16207', '#7c3aed', '#0e7490', '#be185d', '#4d7c0f', '#c2410c', '#334155'];

/** Counts only: no subject is read, so nothing is written to anyone's access log. */
export function OverviewPage() {
  const t = useT();
  const loaded = useLoad(() => api<Overview>('GET', '/v1/overview'), []);
  return (
    <div>
      <h1>{t('overview')}</h1>
      <Show loaded={loaded}>{(o) => {
        const max = Math.max(1, ...o.grades.map((g) => g.count));
        return (
          <>
            <p class="muted">{t('subjects')}: <strong data-testid="subjects">{o.subjects}</strong> · {o.asOf.slice(0, 10)} · {o.policyVersion.slice(0, 19)}</p>
            <div class="grid2">
              <Section title={t('gradeDistribution')} id="grades">
                <table class="bars">
                  <tbody>{o.grades.map((g) => (
                    <tr key={g.grade}><th scope="row">{g.grade}</th><td><span class="bar pos" style={{ width: `${(g.count / max) * 100}%` }} /></td><td class="num">{g.count}</td></tr>
                  ))}</tbody>
                </table>
              </Section>
              <Section title={t('listSizes')} id="list-sizes">
                <table>
                  <thead><tr><th scope="col">{t('list')}</th><th scope="col" class="num">{t('count')}</th></tr></thead>
                  <tbody>{o.lists.map((l) => <tr key={l.list}><td>{l.list} <Badge tone={l.kind === 'red' ? 'ok' : l.kind === 'black' ? 'bad' : 'warn'}>{l.kind}</Badge></td><td class="num">{l.count}</td></tr>)}</tbody>
                </table>
              </Section>
            </div>
            <Section title={t('recordsBySource')} id="by-source">
              {o.recordsBySource.length === 0 ? <Empty /> : <SourceChart rows={o.recordsBySource} />}
            </Section>
          </>
        );
      }}</Show>
    </div>
  );
}

/** The six busiest sources and the rest together, by month (by quarter past three years), drawn with uPlot. */
function SourceChart({ rows }: { rows: Overview['recordsBySource'] }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const allSources = [...new Set(rows.map((r) => r.source))];
  const totalOf = (s: string) => rows.filter((r) => r.source === s).reduce((n, r) => n + r.count, 0);
  const ranked = allSources.map((s) => ({ s, n: totalOf(s) })).sort((a, b) => b.n - a.n);
  const top = ranked.slice(0, 6).map((x) => x.s);
  const other = t.lang === 'zh' ? '其他来源' : 'other sources';
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const byQuarter = months.length > 36;
  const bucket = (m: string) => (byQuarter ? `${m.slice(0, 4)}-${String(Math.floor((Number(m.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}` : m);
  const buckets = [...new Set(months.map(bucket))].sort();
  const series = [...top, ...(ranked.length > top.length ? [other] : [])];
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = buckets.map((m) => Date.parse(`${m}-01T00:00:00Z`) / 1000);
    const ys = series.map((s) => buckets.map((b) => rows.filter((r) => bucket(r.month) === b && (s === other ? !top.includes(r.source) : r.source === s)).reduce((n, r) => n + r.count, 0)));
    const plot = new uPlot({
      width: Math.max(320, el.clientWidth || 800), height: 260,
      series: [{}, ...series.map((s, i) => ({ label: s, stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: buckets.length < 40 } }))],
      scales: { x: { time: true } },
      axes: [{ stroke: '#444' }, { stroke: '#444' }],
      legend: { live: false },
    }, [xs, ...ys] as uPlot.AlignedData, el);
    return () => plot.destroy();
  }, [rows, t.lang]);
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={`${t('recordsBySource')}: ${ranked.map((x) => `${x.s} ${x.n}`).join(', ')}`} />
      <figcaption>{byQuarter ? (t.lang === 'zh' ? '按季度' : 'by quarter') : (t.lang === 'zh' ? '按月' : 'by month')}</figcaption>
      <details>
        <summary>{t('source')} ({ranked.length})</summary>
        <table>
          <thead><tr><th scope="col">{t('source')}</th><th scope="col" class="num">{t('count')}</th></tr></thead>
          <tbody>{ranked.map((x) => <tr key={x.s}><td>{x.s}</td><td class="num">{x.n}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}
