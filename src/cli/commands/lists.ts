import type { Command } from 'commander';
import { activePolicy } from '../../app/registry.js';
import { registryLists } from '../../app/registry-lists.js';
import { printJson, withRegistry } from '../run-command.js';

/** `xinyong lists [NAME]`: current list entries, identities masked. */
export function registerLists(program: Command): void {
  program.command('lists')
    .description('current list entries (identities masked)')
    .argument('[name]', 'one list, e.g. dishonest_judgment_debtors')
    .option('--as-of <instant>', 'entries as of this instant')
    .action((name: string | undefined, opts: { asOf?: string }, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const { policy } = await activePolicy(registry);
        const entries = await registryLists(registry, policy, opts.asOf ?? registry.clock.now(), name);
        if (g.json) {
          for (const e of entries) printJson(e);
          return;
        }
        for (const e of entries) {
          process.stdout.write(`${e.list.padEnd(28)} ${(e.subject?.identity ?? '').padEnd(19)} ${(e.subject?.name ?? '').padEnd(16)} ${e.startedAt.slice(0, 10)} -> ${e.endsAt.slice(0, 10)}\n`);
        }
        process.stdout.write(`${entries.length} entries\n`);
      }));
}
