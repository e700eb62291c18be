import type { ScorecardModel } from './model-format.js';
import { ivStrength } from './woe.js';

const f2 = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** A Markdown model card: what the model was trained on, how well it does, and its points table. */
export function renderModelCard(model: ScorecardModel, title = 'Scorecard model card'): string {
  const t = model.training;
  const m = t.metrics;
  const s = model.scaling;
  const lines: string[] = [
    `# ${title}`,
    '',
    `- Format: ${model.format} version ${model.version}`,
    `- Target: \`${model.target.column}\`, event (bad) = \`${model.target.event}\``,
    `- Training rows: ${t.rows} (${t.events} events, ${pct(t.events / Math.max(1, t.rows))})`,
    `- Data digest: \`${t.digest}\``,
    `- Scaling: ${s.baseScore} points at odds ${s.baseOdds}:1 (good:bad), ${s.pdo} points to double the odds; base points ${model.basePoints}`,
    `- In-sample discrimination: AUC ${f2(m.auc)}, Gini ${f2(m.gini)}, KS ${f2(m.ks)} (cross-validate for an honest figure)`,
    '',
    'WoE = ln(%good / %bad): a higher WoE and more points mean lower risk. A higher score is better.',
    '',
    '## Features',
    '',
    '| feature | type | IV | strength | coefficient | status |',
    '|---|---|---:|---|---:|---|',
    ...model.candidates.map((c) => {
      const f = model.features.find((x) => x.name === c.name);
      return `| ${cell(c.name)} | ${c.type} | ${c.iv.toFixed(3)} | ${ivStrength(c.iv)} | ${f ? f.coefficient.toFixed(3) : ''} | ${c.status} |`;
    }),
    '',
    '## Points',
    '',
  ];
  for (const f of model.features) {
    lines.push(`### ${f.name}`, '', `${f.type}, event rate ${f.direction === 'none' ? 'not constrained' : f.direction} across bins, IV ${f.iv.toFixed(3)}` +
      (f.nonNumeric > 0 ? `, ${f.nonNumeric} non-numeric cells treated as missing` : ''), '',
    '| bin | rows | event rate | WoE | points |', '|---|---:|---:|---:|---:|');
    for (const b of f.bins) {
      if (b.count === 0 && b.kind !== 'range') continue;
      lines.push(`| ${cell(b.label)} | ${b.count} | ${b.count > 0 ? pct(b.events / b.count) : ''} | ${b.woe.toFixed(3)} | ${b.points} |`);
    }
    lines.push('');
  }
  lines.push('## Calibration (training sample, by predicted probability)', '', '| group | rows | mean pd | event rate |', '|---:|---:|---:|---:|',
    ...t.calibration.map((c) => `| ${c.group} | ${c.n} | ${pct(c.meanPd)} | ${pct(c.eventRate)} |`), '');
  return lines.join('\n');
}
