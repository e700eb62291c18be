import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { Errors } from '../../core/errors.js';
import { DEFAULT_BATCH_SIZE, emptySummary, ingestRecords, type IngestSummary } from '../../app/ingest/ingest-records.js';
import { readRecords, type RecordFormat } from '../../app/ingest/read-records.js';
import { deriveWith } from '../../app/derive-hook.js';
import { auditIngestBatch, OPERATOR } from '../../app/operator.js';
import { activePolicy } from '../../app/registry.js';
import { XyFailure } from '../../app/xy-failure.js';
import { ExitCode, printJson, withService } from '../run-command.js';

const MAX_LINE_BYTES = 1024 * 1024;

/** `xinyong ingest FILE...`: load JSON Lines or CSV records; `-` reads stdin. */
export function registerIngest(program: Command): void {
  program.command('ingest')
    .description('load records from JSON Lines or CSV files ("-" = stdin)')
    .argument('<file...>', 'files to ingest')
    .option('--format <format>', 'jsonl or csv (default: from the file extension; stdin: jsonl)')
    .option('--batch-size <n>', 'records per transaction', (v) => Number.parseInt(v, 10), DEFAULT_BATCH_SIZE)
    .option('--defer-derive', 'bulk load: store records only, leave scores and list entries to `xinyong rescore`')
    .action((files: string[], opts: { format?: string; batchSize: number; deferDerive?: boolean }, command: Command) =>
      withService(command, async ({ registry }, g) => {
        if (opts.format && opts.format !== 'jsonl' && opts.format !== 'csv') {
          throw new XyFailure(Errors.BAD_ARGUMENT(`--format must be jsonl or csv, not "${opts.format}"`));
        }
        if (!Number.isSafeInteger(opts.batchSize) || opts.batchSize < 1) throw new XyFailure(Errors.BAD_ARGUMENT('--batch-size must be a positive whole number'));
        const { policy, version } = await activePolicy(registry);
        const summary = emptySummary();
        for (const file of files) {
          const format = (opts.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl')) as RecordFormat;
          const { input, size } = open(file);
          const bar = process.stderr.isTTY && size > 0 ? new SingleBar({ format: `${file} [{bar}] {percentage}% | {value}/{total} bytes` }) : undefined;
          bar?.start(size, 0);
          try {
            const records = readRecords(input, format, policy, { maxLineBytes: MAX_LINE_BYTES, onBytes: (b) => bar?.update(b) });
            await ingestRecords(records, { ...registry, policy, auditBatch: auditIngestBatch(registry, OPERATOR), ...(opts.deferDerive ? {} : { derive: deriveWith(policy, version, registry.newId) }) }, summary, {
              batchSize: opts.batchSize, ...(files.length > 1 ? { file } : {}),
            });
          } finally {
            bar?.stop();
          }
        }
        report(summary, Boolean(g.json));
        return summary.rejected > 0 ? ExitCode.someRejected : ExitCode.ok;
      }));
}

function open(file: string): { input: Readable; size: number } {
  if (file === '-') return { input: process.stdin, size: 0 };
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new XyFailure(Errors.FILE_NOT_FOUND(file));
  }
  return { input: createReadStream(file, { highWaterMark: 1 << 20 }), size };
}

function report(s: IngestSummary, json: boolean): void {
  if (json) {
    printJson(s);
    return;
  }
  process.stdout.write(`accepted ${s.accepted}, updated ${s.updated}, duplicates ${s.duplicates}, rejected ${s.rejected}\n`);
  for (const e of s.errors) process.stdout.write(`${e.file ? `${e.file}:` : ''}line ${e.line}: ${e.code}: ${e.message}\n`);
  if (s.errorsOmitted > 0) process.stdout.write(`... and ${s.errorsOmitted} more rejected lines\n`);
}
