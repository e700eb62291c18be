/**
 * Logistic regression by Newton's method (IRLS) with optional L2 on the slopes (never the
 * intercept). Columns are given as separate Float64Arrays and picked by index, so stepwise selection
 * fits many subsets without copying the data; the work buffers are allocated once per fit, not per
 * iteration, and the Newton system is solved by Cholesky (it is positive definite for l2 > 0 or
 * full-rank data; a tiny ridge is added if it is not).
 */
export interface LogisticOptions {
  l2: number;
  maxIterations: number;
  tolerance: number;
  /** Starting slopes per column (warm start), intercept first. */
  start?: Float64Array;
}

export interface LogisticFit {
  /** Intercept first, then one slope per column in the order given. */
  coefficients: Float64Array;
  /** Unpenalised log-likelihood at the solution. */
  logLikelihood: number;
  /** 2 * parameters - 2 * log-likelihood. */
  aic: number;
  iterations: number;
  converged: boolean;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { l2: 0, maxIterations: 50, tolerance: 1e-9 };

/** Fit P(y = 1) = 1 / (1 + exp(-(b0 + sum b_j x_j))) on the chosen `columns` of `data`, rows in `rows` (all when omitted). */
export function fitLogistic(
  data: readonly Float64Array[], columns: readonly number[], y: Uint8Array, options: Partial<LogisticOptions> = {}, rows?: Uint32Array,
): LogisticFit {
  const o = { ...DEFAULT_LOGISTIC, ...options };
  const p = columns.length + 1;
  const n = rows ? rows.length : y.length;
  const cols = columns.map((c) => data[c]!);
  const beta = new Float64Array(p);
  if (o.start) beta.set(o.start.subarray(0, p));
  else {
    let ones = 0;
    for (let r = 0; r < n; r++) ones += y[rows ? rows[r]! : r]!;
    beta[0] = Math.log((ones + 0.5) / (n - ones + 0.5));
  }
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  const xr = new Float64Array(p);
  const step = new Float64Array(p);
  const trial = new Float64Array(p);
  const factor = new Float64Array(p * p);
  xr[0] = 1;

  const penalised = (b: Float64Array): number => {
    let ll = logLikelihood(cols, b, y, n, rows);
    for (let j = 1; j < p; j++) ll -= 0.5 * o.l2 * b[j]! * b[j]!;
    return ll;
  };
  let current = penalised(beta);
  let iterations = 0;
  let converged = false;
  while (iterations < o.maxIterations) {
    iterations++;
    grad.fill(0);
    hess.fill(0);
    for (let r = 0; r < n; r++) {
      const row = rows ? rows[r]! : r;
      let eta = beta[0]!;
      for (let j = 1; j < p; j++) {
        const v = cols[j - 1]![row]!;
        xr[j] = v;
        eta += beta[j]! * v;
      }
      const mu = 1 / (1 + Math.exp(-eta));
      const resid = y[row]! - mu;
      const w = mu * (1 - mu);
      for (let a = 0; a < p; a++) {
        const xa = xr[a]!;
        grad[a] = grad[a]! + resid * xa;
        const wa = w * xa;
        for (let b = 0; b <= a; b++) hess[a * p + b] = hess[a * p + b]! + wa * xr[b]!;
      }
    }
    for (let j = 1; j < p; j++) {
      grad[j] = grad[j]! - o.l2 * beta[j]!;
      hess[j * p + j] = hess[j * p + j]! + o.l2;
    }
    if (!solveCholesky(hess, grad, step, p, factor)) break;
    // Step halving keeps the penalised likelihood from going down on a bad step.
    let scale = 1;
    let next = current;
    for (let half = 0; half < 30; half++) {
      for (let j = 0; j < p; j++) trial[j] = beta[j]! + scale * step[j]!;
      next = penalised(trial);
      if (next >= current - 1e-12) break;
      scale /= 2;
    }
    beta.set(trial);
    let maxStep = 0;
    for (let j = 0; j < p; j++) maxStep = Math.max(maxStep, Math.abs(scale * step[j]!));
    const gain = next - current;
    current = next;
    if (maxStep < o.tolerance || Math.abs(gain) < o.tolerance * (Math.abs(current) + 1)) {
      converged = true;
      break;
    }
  }
  // `current` is the penalised log-likelihood at beta: add the penalty back instead of another pass.
  let ll = current;
  for (let j = 1; j < p; j++) ll += 0.5 * o.l2 * beta[j]! * beta[j]!;
  return { coefficients: beta, logLikelihood: ll, aic: 2 * p - 2 * ll, iterations, converged };
}

function logLikelihood(cols: Float64Array[], b: Float64Array, y: Uint8Array, n: number, rows: Uint32Array | undefined): number {
  const p = b.length;
  let ll = 0;
  for (let r = 0; r < n; r++) {
    const row = rows ? rows[r]! : r;
    let eta = b[0]!;
    for (let j = 1; j < p; j++) eta += b[j]! * cols[j - 1]![row]!;
    // log(1 + e^eta) computed stably on both sides.
    const softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    ll += y[row]! ? eta - softplus : -softplus;
  }
  return ll;
}

/**
 * Solve A x = g for symmetric positive definite A (lower triangle filled) by Cholesky, factorised
 * in the work buffer h. Returns false if A is not positive definite even after a small ridge.
 */
export function solveCholesky(a: Float64Array, g: Float64Array, x: Float64Array, p: number, h = new Float64Array(p * p)): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    h.set(a);
    if (attempt === 1) for (let j = 0; j < p; j++) h[j * p + j] = h[j * p + j]! * (1 + 1e-8) + 1e-8;
    let ok = true;
    for (let j = 0; j < p && ok; j++) {
      let d = h[j * p + j]!;
      for (let k = 0; k < j; k++) d -= h[j * p + k]! * h[j * p + k]!;
      if (!(d > 1e-14)) {
        ok = false;
        break;
      }
      const ljj = Math.sqrt(d);
      h[j * p + j] = ljj;
      for (let i = j + 1; i < p; i++) {
        let s = h[i * p + j]!;
        for (let k = 0; k < j; k++) s -= h[i * p + k]! * h[j * p + k]!;
        h[i * p + j] = s / ljj;
      }
    }
    if (!ok) continue;
    for (let i = 0; i < p; i++) {
      let s = g[i]!;
      for (let k = 0; k < i; k++) s -= h[i * p + k]! * x[k]!;
      x[i] = s / h[i * p + i]!;
    }
    for (let i = p - 1; i >= 0; i--) {
      let s = x[i]!;
      for (let k = i + 1; k < p; k++) s -= h[k * p + i]! * x[k]!;
      x[i] = s / h[i * p + i]!;
    }
    return true;
  }
  return false;
}
