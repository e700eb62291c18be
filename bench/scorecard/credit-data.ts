import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { packageRoot } from '../../src/app/package-root.js';
import { isSecondHeader, targetOf } from '../../src/core/scorecard/dataset.js';
import type { TrainingData } from '../../src/core/scorecard/train-scorecard.js';
import { withTaiwanFeatures } from './taiwan-features.js';

/** Folder of the credit CSV files: SCORECARD_DATA, or ../shared/data/credit beside the package. */
export const creditDataDir = (): string => process.env.SCORECARD_DATA ?? join(packageRoot(), '..', 'shared', 'data', 'credit');

export interface CreditSet {
  name: string;
  file: string;
  target: string;
  event?: string;
  exclude: string[];
  goal: number;
  /** Row-by-row feature engineering applied on load (fits nothing, so it cannot leak across folds). */
  derive?: (data: TrainingData) => TrainingData;
}

export const CREDIT_SETS: CreditSet[] = [
  { name: 'German credit', file: 'germancredit.csv', target: 'creditability', event: 'bad', exclude: [], goal: 0.78 },
  { name: 'Taiwan default', file: 'taiwan_default_of_credit_card_clients.csv', target: 'Y', exclude: ['ID'], goal: 0.77, derive: withTaiwanFeatures },
];

/** Read a credit CSV (streamed) as training data, with the set's derived features unless `derived` is false; undefined when the file is absent. */
export async function loadCreditSet(set: CreditSet, dir = creditDataDir(), derived = true): Promise<TrainingData | undefined> {
  const path = join(dir, set.file);
  if (!existsSync(path)) return undefined;
  const rows: string[][] = [];
  for await (const record of createReadStream(path).pipe(parse({ bom: true, skip_empty_lines: true }))) rows.push(record as string[]);
  const header = rows.shift()!.map((h) => h.trim());
  let columns = header.map((_, j) => rows.map((r) => r[j] ?? ''));
  if (isSecondHeader(columns)) columns = columns.map((c) => c.slice(1));
  const ti = header.indexOf(set.target);
  const t = targetOf(columns[ti]!, set.event);
  if (!t.ok || t.emptyRows.length > 0) throw new Error(`${set.file}: target ${set.target} is not a clean binary column`);
  const data: TrainingData = {
    columns: header.map((name, j) => ({ name, cells: columns[j]! })).filter((c, j) => j !== ti && !set.exclude.includes(c.name)),
    target: t.target, targetColumn: set.target, event: t.event,
  };
  return set.derive && derived ? set.derive(data) : data;
}
