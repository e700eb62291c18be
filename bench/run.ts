import { decisionsBench } from './decisions-bench.js';
import { httpBench } from './http-bench.js';
import { ingestBench, type BenchFigure } from './ingest-bench.js';
import { linkageBench } from './linkage-bench.js';
import { linkageIngestBench } from './linkage-ingest-bench.js';
import { postgresSuite } from './postgres-suite.js';
import { rescoreBench } from './rescore-bench.js';
import { scorecardBench } from './scorecard-bench.js';

/**
 * `npm run bench`: each figure beside a baseline measured in the same run; the ratio is what counts.
 * BENCH_RECORDS (default 1,000,000) sizes the ingest, BENCH_SUBJECTS (default 1,000,000) the rescore;
 * BENCH_ONLY=decisions,http,ingest,rescore,postgres,stream,scorecard,linkage,linkage-ingest picks some (postgres and stream use DATABASE_URL and
 * NATS_URL, default the local servers; BENCH_PG_RECORDS, default 200,000, and BENCH_STREAM_RECORDS, default 30,000).
 */
const records = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const subjects = Number(process.env.BENCH_SUBJECTS ?? 1_000_000);
const only = new Set((process.env.BENCH_ONLY ?? 'decisions,http,ingest,rescore,postgres,stream,scorecard,linkage,linkage-ingest').split(','));

const print = (f: BenchFigure) =>
  process.stdout.write(
    `${f.name}\n  ${Math.round(f.value).toLocaleString('en')} ${f.unit}   baseline (${f.baseline.name}): ` +
      `${Math.round(f.baseline.value).toLocaleString('en')} ${f.unit}   ratio ${f.ratio.toFixed(2)}${f.goal ? ` (goal ${f.goal})` : ''}\n` +
      (f.also ? `  ${f.also.name}: ${Math.round(f.also.value).toLocaleString('en')} ${f.unit}   ratio ${(f.value / f.also.value).toFixed(2)}\n` : ''),
  );

if (only.has('decisions')) (await decisionsBench()).forEach(print);
if (only.has('http')) (await httpBench()).forEach(print);
if (only.has('ingest')) (await ingestBench(records)).forEach(print);
if (only.has('rescore')) print(await rescoreBench(subjects));
if (only.has('postgres') || only.has('stream')) await postgresSuite(print, { postgres: only.has('postgres'), stream: only.has('stream') });
if (only.has('scorecard')) (await scorecardBench()).forEach(print);
if (only.has('linkage')) (await linkageBench(Number(process.env.BENCH_LINKAGE_RECORDS ?? 1_000_000))).forEach(print);
if (only.has('linkage-ingest')) (await linkageIngestBench(Number(process.env.BENCH_LINKAGE_PEOPLE ?? 100_000))).forEach(print);
