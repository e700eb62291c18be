/** Population stability between a reference (training) and a current sample, with the usual bands. */

export type StabilityVerdict = 'stable' | 'monitor' | 'unstable';

/** Shares below this floor count as the floor, so an empty bin gives a large but finite term. */
const FLOOR = 1e-4;

/** PSI = sum over bins of (current% - reference%) * ln(current% / reference%). */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const rt = sum(reference);
  const ct = sum(current);
  if (rt === 0 || ct === 0) return 0;
  let out = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i]! / rt, FLOOR);
    const c = Math.max(current[i]! / ct, FLOOR);
    out += (c - r) * Math.log(c / r);
  }
  return out;
}

/** Below 0.10 stable; 0.10 to 0.25 monitor (a shift worth watching); 0.25 and above unstable. */
export function verdictOf(index: number): StabilityVerdict {
  if (index < 0.1) return 'stable';
  if (index < 0.25) return 'monitor';
  return 'unstable';
}

/**
 * Characteristic stability of one feature: sum over bins of (current% - reference%) * points, the
 * average change in points the feature's shift alone causes; reported beside the feature's PSI.
 */
export function characteristicShift(reference: ArrayLike<number>, current: ArrayLike<number>, points: ArrayLike<number>): number {
  const rt = sum(reference);
  const ct = sum(current);
  if (rt === 0 || ct === 0) return 0;
  let out = 0;
  for (let i = 0; i < reference.length; i++) out += (current[i]! / ct - reference[i]! / rt) * points[i]!;
  return out;
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}
