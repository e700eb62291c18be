import type { Report } from '../api';
import { useT } from '../i18n';
import { href } from '../router';

/**
 * The subject in the middle, related parties around it (legal representatives, shareholders,
 * controllers), each edge labelled with the relation; a node links to that subject's page when
 * the caller may open it. Drawn in SVG: no layout library for a star of a few nodes.
 */
export function RelationGraph({ name, relations, linkable }: { name: string; relations: Report['relations']; linkable: boolean }) {
  const t = useT();
  const shown = relations.slice(0, 12);
  const [w, h, r] = [640, 320, 120];
  const cx = w / 2;
  const cy = h / 2;
  const label = (s: string) => (s.length > 14 ? `${s.slice(0, 13)}…` : s);
  return (
    <svg class="graph" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${t('relations')}: ${shown.map((x) => `${x.type} ${x.other?.name ?? '?'}`).join('; ')}`}>
      {shown.map((rel, i) => {
        const angle = (2 * Math.PI * i) / shown.length - Math.PI / 2;
        const x = cx + r * 1.8 * Math.cos(angle);
        const y = cy + r * Math.sin(angle);
        const ended = rel.validTo !== null || rel.status === 'retracted';
        const node = (
          <g>
            <circle cx={x} cy={y} r={26} class={rel.other?.kind === 'org' ? 'node org' : 'node person'} />
            <text x={x} y={y + 42} text-anchor="middle" class="node-label">{label(rel.other?.name ?? rel.other?.id ?? '?')}</text>
          </g>
        );
        return (
          <g key={`${rel.type}-${i}`}>
            <line x1={cx} y1={cy} x2={x} y2={y} class={ended ? 'edge ended' : 'edge'} />
            <text x={(cx + x) / 2} y={(cy + y) / 2 - 4} text-anchor="middle" class="edge-label">{rel.direction === 'is' ? `← ${rel.type}` : `${rel.type} →`}</text>
            {linkable && rel.other ? <a href={href('subject', rel.other.id)} aria-label={rel.other.name ?? rel.other.id}>{node}</a> : node}
          </g>
        );
      })}
      <circle cx={cx} cy={cy} r={34} class="node self" />
      <text x={cx} y={cy + 5} text-anchor="middle" class="self-label">{label(name)}</text>
    </svg>
  );
}
