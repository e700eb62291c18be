import type { Command } from 'commander';
// Only the constant: the linkage model and pinyin load when the command runs (see link-run.ts).
import { DEFAULT_CLUSTER_THRESHOLD } from '../../core/linkage/default-person-model.js';
import { fail, globals } from '../run-command.js';
import type { LinkOptions } from './link-run.js';

/** `xinyong link FILE --out OUT`: deduplicate person records without identity numbers; no store needed. */
export function registerLink(program: Command): void {
  program.command('link')
    .description('deduplicate a CSV or JSONL of person records: writes unique_id,cluster_id,match_weight')
    .argument('<file>', 'CSV (header row) or JSON Lines')
    .option('--out <file>', 'where to write unique_id,cluster_id,match_weight')
    .option('--id-column <column>', 'the record id column (default: unique_id, rec_id or id)')
    .option('--fields <map>', 'field=column pairs, e.g. name=姓名,birthDate=dob,address=street_number+address_1')
    .option('--pairs <file>', 'also write every scored candidate pair')
    .option('--explain <id...>', 'print the waterfall of one pair: two record ids')
    .option('--threshold <bits>', 'match weight at which records join a cluster', Number, DEFAULT_CLUSTER_THRESHOLD)
    .option('--seed <n>', 'seed for the random pairs that estimate u', (v) => Number.parseInt(v, 10), 1)
    .option('--format <format>', 'csv or jsonl (default: from the file extension)')
    .action((file: string, opts: LinkOptions, command: Command) => {
      import('./link-run.js').then(({ runLink }) => {
        process.exitCode = runLink(file, opts, Boolean(globals(command).json));
      }).catch(fail);
    });
}

