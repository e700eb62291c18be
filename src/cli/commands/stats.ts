import type { Command } from 'commander';
import { activePolicy } from '../../app/registry.js';
import { printJson, withRegistry } from '../run-command.js';

/** `xinyong stats`: counts per the contract; `records` are distinct (source, ref), `revisions` all. */
export function registerStats(program: Command): void {
  program.command('stats')
    .description('registry counts')
    .action((_o, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const { version } = await activePolicy(registry);
        const counts = await registry.store.stats();
        const listEntries = (await registry.store.listEntriesAt(registry.clock.now())).length;
        const stats = { ...counts, listEntries, objections: (await registry.store.caseCounts()).objections, policyVersion: version };
        if (g.json) printJson(stats);
        else for (const [k, v] of Object.entries(stats)) process.stdout.write(`${k.padEnd(14)} ${v}\n`);
      }));
}
