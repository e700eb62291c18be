import type { Command } from 'commander';
import { activePolicy } from '../../app/registry.js';
import { registryLists } from '../../app/registry-lists.js';
import { printJson, withRegistry } from '../run-command.js';

/** `xinyong lists [NAME]`: list entries in force now, identities masked. */
export function registerLists(program: Command): void {
  program.command('lists')
    .description('list entries in force now (identities masked)')
    .argument('[name]', 'one list, e.g. dishonest_judgment_debtors')
    .action((name: string | undefined, _opts, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const { policy } = await activePolicy(registry);
        const entries = await registryLists(registry, policy, registry.clock.now(), name);
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
