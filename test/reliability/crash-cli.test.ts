import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBuilt } from '../support/run-cli.js';
import { checkStore, crashRecords, crashStore, keyOf, killAtRandom, prng, revisionCount, spawnCli, type Rec } from './crash-harness.js';
import { DATABASE_URL, SOAK } from './reliability-support.js';

/**
 * Issue 10, item 1, through the command line: `xinyong ingest` (compiled) is SIGKILLed at random
 * points, restarted, and sent again everything it had not acknowledged (the CLI acknowledges a
 * file when it exits 0 with its summary). After every kill and at the end: no acknowledged
 * revision missing, no duplicate (stats: records = distinct refs, revisions = every revision
 * sent), `PRAGMA integrity_check` ok, and the audit chain verifies.
 */
const KILLS = SOAK ? 25 : 3;
const CHUNKS = SOAK ? 10 : 2;
const PER_CHUNK = SOAK ? 600 : 300;
const SEED = Number(process.env.XY_CRASH_SEED ?? 20260601);
const stores = [undefined, ...(DATABASE_URL ? [DATABASE_URL] : [])];

for (const url of stores) {
  describe.skipIf(!cliBuilt)(`crash safety of CLI ingest on ${url ? 'PostgreSQL' : 'SQLite'}`, () => {
    it(`loses and duplicates nothing across ${KILLS} SIGKILLs (seed ${SEED})`, async () => {
      const store = await crashStore(url);
      const rand = prng(SEED);
      // Records enough for extra chunks: a kill that lands after the file was done is tried again on the next one.
      const all = crashRecords((CHUNKS + KILLS) * PER_CHUNK, 'cli');
      const size = PER_CHUNK;
      const acked = new Set<string>();
      const problems: string[] = [];
      let kills = 0;
      let runs = 0;
      let midIngest = 0;
      let sent = 0;
      try {
        for (let c = 0; (c < CHUNKS || kills < KILLS) && c < CHUNKS + KILLS; c++) {
          const chunk: Rec[] = all.slice(c * size, (c + 1) * size);
          sent = (c + 1) * size;
          // Spread the kills over the chunks; the last attempt at each chunk runs to the end.
          const killsHere = Math.max(0, Math.round(((c + 1) * KILLS) / CHUNKS) - kills);
          for (let attempt = 0; ; attempt++) {
            const file = join(store.dir, `chunk-${c}-${attempt}.jsonl`);
            writeFileSync(file, chunk.map((r) => JSON.stringify(r)).join('\n') + '\n');
            const baseline = await revisionCount(store);
            const { child, done } = spawnCli(['--json', 'ingest', '--batch-size', '50', file], store.env);
            const killer = attempt < killsHere && kills < KILLS ? killAtRandom(child, store, rand, baseline) : undefined;
            const result = await done;
            killer?.stop();
            runs++;
            if (result.signal === 'SIGKILL') {
              kills++;
              const check = await checkStore(store, acked);
              if (check.revisions > baseline) midIngest++;
              if (check.missing.length) problems.push(`after kill ${kills}: ${check.missing.length} acknowledged revisions missing`);
              if (check.integrity !== 'ok') problems.push(`after kill ${kills}: integrity ${check.integrity}`);
              if (!check.auditOk) problems.push(`after kill ${kills}: audit ${check.auditProblems.join('; ')}`);
              continue;
            }
            expect(result.code, result.stderr).toBe(0);
            const summary = JSON.parse(result.stdout) as { accepted: number; duplicates: number; updated: number; rejected: number };
            expect(summary.rejected).toBe(0);
            expect(summary.accepted + summary.duplicates + summary.updated).toBe(chunk.length);
            for (const r of chunk) acked.add(keyOf(r));
            break;
          }
        }
        const end = await checkStore(store, acked);
        const refs = new Set(all.slice(0, sent).map((r) => `${r.source}|${r.ref}`));
        console.log(`[reliability] CLI crash on ${store.name}: ${kills} kills survived in ${runs} runs (${midIngest} after part of the file was committed); ${acked.size} revisions acknowledged, ${end.missing.length} lost, ${end.revisions - sent} duplicates; integrity ${end.integrity}; audit ${end.auditOk ? 'ok' : 'BROKEN'}`);
        expect(problems).toEqual([]);
        expect(kills).toBe(KILLS);
        expect(end).toMatchObject({ missing: [], records: refs.size, revisions: sent, integrity: 'ok', auditOk: true });
      } finally {
        await store.dispose();
      }
    }, SOAK ? 900_000 : 120_000);
  });
}
