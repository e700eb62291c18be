import type { LinkComparison } from '../api';
import { useT } from '../i18n';

export const bits = (w: number | null | undefined): string => (w === null || w === undefined || !Number.isFinite(w) ? '—' : `${w > 0 ? '+' : ''}${w.toFixed(1)}`);

/**
 * How a match weight is made: each field's comparison as a bar starting where the previous ones
 * left the running sum (right and blue for agreement, left and red for disagreement), then the total.
 * The numbers are in the table as text; the bars only draw them.
 */
export function MatchWaterfall({ comparisons, weight, caption }: { comparisons: LinkComparison[]; weight: number | null; caption?: string }) {
  const t = useT();
  const sum = comparisons.reduce((s, c) => s + c.weight, 0);
  // The match weight is the model's prior log-odds plus each comparison's weight (src/core/linkage/model.ts);
  // the API gives the comparisons and the weight, so the prior is what they leave.
  const prior = weight !== null && Number.isFinite(weight) && Math.abs(weight - sum) >= 0.05 ? weight - sum : 0;
  let run = prior;
  const steps = comparisons.map((c) => {
    const from = run;
    run += c.weight;
    return { c, from, to: run };
  });
  const total = weight !== null && Number.isFinite(weight) ? weight : run;
  const ends = [0, total, prior, ...steps.flatMap((s) => [s.from, s.to])];
  const lo = Math.min(...ends);
  const hi = Math.max(...ends);
  const span = hi - lo || 1;
  const pct = (v: number) => `${((v - lo) / span) * 100}%`;
  const bar = (from: number, to: number, tone: string) => (
    <span class="wf-track" aria-hidden="true">
      <span class="wf-zero" style={{ left: pct(0) }} />
      <span class={`wf-bar ${tone}`} style={{ left: pct(Math.min(from, to)), width: `${(Math.abs(to - from) / span) * 100}%` }} />
    </span>
  );
  return (
    <table class="waterfall" data-testid="waterfall">
      {caption ? <caption>{caption}</caption> : null}
      <thead><tr><th scope="col">{t('field')}</th><th scope="col">{t('level')}</th><th scope="col" class="num">{t('bits')}</th><th scope="col" class="wf-col"><span class="sr-only">{t('comparisons')}</span></th></tr></thead>
      <tbody>
        {prior !== 0 ? (
          <tr class="wf-prior" title={t('priorHelp')}>
            <th scope="row">{t('prior')}</th>
            <td>{t('priorLevel')}</td>
            <td class={`num ${prior < 0 ? 'neg' : 'pos'}`}>{bits(prior)}</td>
            <td class="wf-col">{bar(0, prior, prior < 0 ? 'neg prior' : 'pos prior')}</td>
          </tr>
        ) : null}
        {steps.map(({ c, from, to }, i) => (
          <tr key={`${c.field}-${i}`} title={c.text}>
            <th scope="row">{c.field}</th>
            <td>{c.level}</td>
            <td class={`num ${c.weight < 0 ? 'neg' : c.weight > 0 ? 'pos' : ''}`}>{bits(c.weight)}</td>
            <td class="wf-col">{bar(from, to, c.weight < 0 ? 'neg' : 'pos')}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('total')}</th>
          <td>{t('matchWeight')}</td>
          <td class="num" data-testid="total-weight">{bits(total)}</td>
          <td class="wf-col">{bar(0, total, 'total')}</td>
        </tr>
      </tfoot>
    </table>
  );
}
