import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { Report } from '../api';
import { useT } from '../i18n';
import { day } from '../ui';

/**
 * The score over time, one point per record event (valid-time history from the API), with the
 * events marked: a record occurring, a record changing (resolved, retracted). uPlot draws on a
 * canvas; the same points are in a table below for screen readers and keyboards.
 */
export function ScoreChart({ history }: { history: Report['history'] }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || history.length === 0) return;
    const xs = history.map((p) => Date.parse(p.at) / 1000);
    const scores = history.map((p) => p.score);
    const occurred = history.map((p) => (p.event?.kind === 'occurred' ? p.score : null));
    const changed = history.map((p) => (p.event?.kind === 'received' ? p.score : null));
    const marker = (stroke: string, fill: string): uPlot.Series => ({
      label: '', stroke, fill, width: 0, paths: () => null, points: { show: true, size: 9, stroke, fill, width: 2 },
    });
    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth || 600),
      height: 240,
      series: [
        {},
        { label: t('score'), stroke: '#9f1d20', width: 2, paths: uPlot.paths.stepped!({ align: 1 }), points: { show: false } },
        { ...marker('#b91c1c', '#fecaca'), label: t.lang === 'zh' ? '记录发生' : 'record occurred' },
        { ...marker('#15803d', '#bbf7d0'), label: t.lang === 'zh' ? '记录变化' : 'record changed' },
      ],
      axes: [{ stroke: '#444' }, { stroke: '#444' }],
      scales: { x: { time: true } },
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
    };
    const plot = new uPlot(opts, [xs, scores, occurred, changed] as uPlot.AlignedData, el);
    const resize = () => plot.setSize({ width: Math.max(320, el.clientWidth), height: 240 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [history, t.lang]);
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={`${t('scoreHistory')}: ${history.map((p) => `${day(p.at)} ${p.score}`).join(', ')}`} />
      <figcaption>{t('scoreHistoryHelp')}</figcaption>
      <details>
        <summary>{t('scoreHistory')} ({history.length})</summary>
        <table>
          <thead><tr><th scope="col">{t('at')}</th><th scope="col">{t('score')}</th><th scope="col">{t('grade')}</th><th scope="col">{t('record')}</th></tr></thead>
          <tbody>
            {history.map((p) => (
              <tr key={p.at}><td>{day(p.at)}</td><td>{p.score}</td><td>{p.grade}</td><td>{p.event ? `${p.event.type} (${p.event.kind}, ${p.event.status})` : '—'}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
