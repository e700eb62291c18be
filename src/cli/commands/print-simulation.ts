import type { SimulationSummary } from '../../app/simulate-policy.js';

/** The human form of a policy simulation: grade transitions, list movements, decision flips. */
export function printSimulation(s: SimulationSummary): void {
  const out: string[] = [];
  out.push(`simulation over ${s.subjects} subjects as of ${s.asOf}`);
  out.push(`  active    ${s.activeVersion}`, `  candidate ${s.candidateVersion}`, '');
  const grades = [...new Set([...Object.keys(s.grades.matrix), ...Object.values(s.grades.matrix).flatMap((r) => Object.keys(r))])].sort();
  out.push(`grades: ${s.grades.changed} subjects change grade (rows: active, columns: candidate)`);
  out.push('        ' + grades.map((g) => g.padStart(6)).join(''));
  for (const from of grades) out.push(from.padEnd(8) + grades.map((to) => String(s.grades.matrix[from]?.[to] ?? 0).padStart(6)).join(''));
  for (const e of s.grades.examples) out.push(`  e.g. ${e.name ?? e.subject} ${e.identity ?? ''}: ${e.from} -> ${e.to}`);
  out.push('', 'lists:');
  for (const [list, l] of Object.entries(s.lists)) out.push(`  ${list.padEnd(28)} +${l.entered} entering, -${l.left} leaving`);
  out.push('', 'decisions that flip:');
  const flips = Object.entries(s.decisions).filter(([, d]) => d.flipped > 0);
  if (flips.length === 0) out.push('  none');
  for (const [action, d] of flips) {
    out.push(`  ${action.padEnd(26)} ${d.flipped} (${Object.entries(d.changes).map(([c, n]) => `${c} ${n}`).join(', ')})`);
    for (const e of d.examples) out.push(`      e.g. ${e.name ?? e.subject} ${e.identity ?? ''}: ${e.from} -> ${e.to}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}
