import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { Errors, type XyError } from '../../core/errors.js';
import { deriveWith } from '../../app/derive-hook.js';
import { emptySummary, ingestRecords, type IngestSummary } from '../../app/ingest/ingest-records.js';
import type { DryRun } from '../../app/import/import-mapped.js';
import type { MappingCounts } from '../../app/import/map-records.js';
import { auditIngestBatch, OPERATOR } from '../../app/operator.js';
import { activePolicy } from '../../app/registry.js';
import { XyFailure } from '../../app/xy-failure.js';
import type { Mapping } from '../../core/mapping/mapping-schema.js';
import { ExitCode, printError, printJson, withService } from '../run-command.js';

/**
 * `xinyong import --mapping NAME FILE [--dry-run]`: a furnisher's own format through a mapping, into
 * the normal ingest (same idempotency, same report and exit codes, line numbers of FILE); and
 * `xinyong mapping check MAPPING [FILE]`: check a mapping, and with FILE show what it would do.
 */
export function registerImport(program: Command): void {
  program.command('import')
    .description('ingest a furnisher\'s file through a mapping (built in: spc-dishonest, abnormal-operations; or a YAML file)')
    .argument('<file>', 'the furnisher\'s file ("-" = stdin)')
    .requiredOption('--mapping <name>', 'built-in mapping name or mapping file')
    .option('--dry-run', 'map and validate only: show the first records and every line that would be rejected')
    .option('--preview <n>', 'records to show in a dry run', (v) => Number.parseInt(v, 10), 5)
    .action((file: string, opts: { mapping: string; dryRun?: boolean; preview: number }, command: Command) =>
      withService(command, async ({ registry }, g) => {
        // Loaded on use: the mapping engine and its schema are not needed by every other command.
        const { dryRunImport, emptyCounts, mappedRecordsOf } = await import('../../app/import/import-mapped.js');
        const mapping = await mappingOrFail(opts.mapping);
        const { policy, version } = await activePolicy(registry);
        const input = open(file);
        if (opts.dryRun) {
          const result = await dryRunImport(input, mapping, policy, registry.clock.now(), opts.preview);
          reportDryRun(result, mapping, Boolean(g.json));
          return result.rejected > 0 ? ExitCode.someRejected : ExitCode.ok;
        }
        const counts = emptyCounts();
        const summary = await ingestRecords(mappedRecordsOf(input, mapping, counts), {
          ...registry, policy, auditBatch: auditIngestBatch(registry, OPERATOR), derive: deriveWith(policy, version, registry.newId),
        }, emptySummary());
        report(summary, mapping, counts, Boolean(g.json));
        return summary.rejected > 0 ? ExitCode.someRejected : ExitCode.ok;
      }));

  program.command('mapping').description('furnisher mappings')
    .command('check')
    .description('check a mapping (every problem with file:line:column); with FILE, also a dry run of it')
    .argument('<mapping>', 'built-in mapping name or mapping file')
    .argument('[file]', 'a furnisher\'s file to try it on')
    .option('--preview <n>', 'records to show', (v) => Number.parseInt(v, 10), 5)
    .action(async (name: string, file: string | undefined, opts: { preview: number }, command: Command) => {
      const { dryRunImport, resolveMapping } = await import('../../app/import/import-mapped.js');
      const resolved = resolveMapping(name);
      if (!resolved.ok) {
        resolved.error.forEach(printError);
        process.exitCode = ExitCode.fatal;
        return;
      }
      if (file === undefined) {
        const json = Boolean((command.optsWithGlobals() as { json?: boolean }).json);
        if (json) printJson({ ok: true, name: resolved.value.mapping.name, file: resolved.value.file });
        else process.stdout.write(`${resolved.value.file}: ok (${resolved.value.mapping.name}, ${resolved.value.mapping.emit.length} record kinds)\n`);
        return;
      }
      await withService(command, async ({ registry }, g) => {
        const { policy } = await activePolicy(registry);
        const result = await dryRunImport(open(file), resolved.value.mapping, policy, registry.clock.now(), opts.preview);
        reportDryRun(result, resolved.value.mapping, Boolean(g.json));
        return result.rejected > 0 ? ExitCode.someRejected : ExitCode.ok;
      });
    });
}

async function mappingOrFail(name: string): Promise<Mapping> {
  const { resolveMapping } = await import('../../app/import/import-mapped.js');
  const resolved = resolveMapping(name);
  if (resolved.ok) return resolved.value.mapping;
  resolved.error.slice(1).forEach(printError);
  throw new XyFailure(resolved.error[0] as XyError);
}

function open(file: string): Readable {
  if (file === '-') return process.stdin;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new XyFailure(Errors.FILE_NOT_FOUND(file));
  }
  return createReadStream(file, { highWaterMark: 1 << 20 });
}

function report(s: IngestSummary, mapping: Mapping, counts: MappingCounts, json: boolean): void {
  if (json) {
    printJson({ ...s, mapping: { name: mapping.name, ...counts } });
    return;
  }
  process.stdout.write(`${mapping.name}: ${counts.rows} rows -> ${counts.records} records; `
    + `accepted ${s.accepted}, updated ${s.updated}, duplicates ${s.duplicates}, rejected ${s.rejected}\n`);
  for (const e of s.errors) process.stdout.write(`line ${e.line}: ${e.code}: ${e.message}\n`);
  if (s.errorsOmitted > 0) process.stdout.write(`... and ${s.errorsOmitted} more rejected lines\n`);
}

function reportDryRun(r: DryRun, mapping: Mapping, json: boolean): void {
  if (json) {
    printJson({ ...r, mapping: mapping.name });
    return;
  }
  process.stdout.write(`dry run of ${mapping.name} (nothing written): ${r.rows} rows -> ${r.records} records; `
    + `${r.valid} valid, ${r.rejected} would be rejected (duplicates and conflicts with stored records show only at import)\n`);
  for (const p of r.preview) process.stdout.write(`line ${p.line}: ${JSON.stringify(p.record)}\n`);
  for (const e of r.errors) process.stdout.write(`line ${e.line}: ${e.code}: ${e.message}\n`);
}
