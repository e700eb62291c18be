/**
 * Logistic regression by Newton's method (IRLS) with optional L2 on the slopes (never the
 * intercept). Columns are given as separate Float64Arrays and picked by index, so stepwise selection
 * fits many subsets without copying the data (a row subset is gathered once per fit); every pass
 * runs column by column, and the work buffers are allocated once per fit, not per iteration, and the Newton system is solved by Cholesky (it is positive definite for l2 > 0 or
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
  // Column-major throughout: each pass is a few long loops over one or two columns (which V8 runs
  // far faster than short nested loops per row); a row subset is gathered once per fit.
  const cols = columns.map((c) => (rows ? Float64Array.from(rows, (r) => data[c]![r]!) : data[c]!));
  const yy = rows ? Uint8Array.from(rows, (r) => y[r]!) : y;
  const beta = new Float64Array(p);
  if (o.start) beta.set(o.start.subarray(0, p));
  else {
    let ones = 0;
    for (let r = 0; r < n; r++) ones += yy[r]!;
    beta[0] = Math.log((ones + 0.5) / (n - ones + 0.5));
  }
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  const step = new Float64Array(p);
  const trial = new Float64Array(p);
  const factor = new Float64Array(p * p);
  const eta = new Float64Array(n);
  const w = new Float64Array(n);
  const resid = new Float64Array(n);
  const wx = new Float64Array(n);

  const penalised = (b: Float64Array): number => {
    linearPredictor(cols, b, eta, n);
    let ll = logLikelihood(eta, yy, n);
    for (let j = 1; j < p; j++) ll -= 0.5 * o.l2 * b[j]! * b[j]!;
    return ll;
  };
  let current = penalised(beta);
  let iterations = 0;
  let converged = false;
  while (iterations < o.maxIterations) {
    iterations++;
    // eta holds the linear predictor at beta (from the last likelihood pass).
    let g0 = 0;
    let h00 = 0;
    for (let r = 0; r < n; r++) {
      const mu = 1 / (1 + Math.exp(-eta[r]!));
      const e = yy[r]! - mu;
      const v = mu * (1 - mu);
      resid[r] = e;
      w[r] = v;
      g0 += e;
      h00 += v;
    }
    grad[0] = g0;
    hess[0] = h00;
    for (let a = 1; a < p; a++) {
      const xa = cols[a - 1]!;
      let g = 0;
      let h0 = 0;
      for (let r = 0; r < n; r++) {
        const x = xa[r]!;
        const v = w[r]! * x;
        wx[r] = v;
        g += resid[r]! * x;
        h0 += v;
      }
      grad[a] = g - o.l2 * beta[a]!;
      hess[a * p] = h0;
      for (let b = 1; b <= a; b++) {
        const xb = cols[b - 1]!;
        let h = 0;
        for (let r = 0; r < n; r++) h += wx[r]! * xb[r]!;
        hess[a * p + b] = h;
      }
      hess[a * p + a] = hess[a * p + a]! + o.l2;
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

/** eta = b0 + sum b_j x_j, one column at a time. */
function linearPredictor(cols: readonly Float64Array[], b: Float64Array, eta: Float64Array, n: number): void {
  eta.fill(b[0]!);
  for (let j = 1; j < b.length; j++) {
    const x = cols[j - 1]!;
    const bj = b[j]!;
    for (let r = 0; r < n; r++) eta[r] = eta[r]! + bj * x[r]!;
  }
}

function logLikelihood(eta: Float64Array, y: Uint8Array, n: number): number {
  let ll = 0;
  for (let r = 0; r < n; r++) {
    const e = eta[r]!;
    // log(1 + e^eta) computed stably on both sides.
    const softplus = e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
    ll += y[r]! ? e - softplus : -softplus;
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
