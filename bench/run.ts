import { ingestBench, type BenchFigure } from './ingest-bench.js';

/** `npm run bench`: each figure beside a baseline measured in the same run; the ratio is what counts. */
const count = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const figures: BenchFigure[] = [await ingestBench(count)];
for (const f of figures) {
  process.stdout.write(
    `${f.name}\n  ${Math.round(f.value).toLocaleString('en')} ${f.unit}   baseline (${f.baseline.name}): ` +
      `${Math.round(f.baseline.value).toLocaleString('en')} ${f.unit}   ratio ${f.ratio.toFixed(2)}${f.goal ? ` (goal ${f.goal})` : ''}\n` +
      (f.also ? `  ${f.also.name}: ${Math.round(f.also.value).toLocaleString('en')} ${f.unit}   ratio ${(f.value / f.also.value).toFixed(2)}\n` : ''),
  );
}
