import type { Command } from 'commander';
import { initRegistry } from '../../app/init-registry.js';
import { auditWrite, OPERATOR } from '../../app/operator.js';
import { printJson, withRegistry } from '../run-command.js';

/** `xinyong init`: create or migrate the store and load the default policy. */
export function registerInit(program: Command): void {
  program.command('init')
    .description('create or migrate the store and load the default policy')
    .action((_o, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const result = await initRegistry(registry);
        if (result.policyLoaded) await auditWrite(registry, OPERATOR, 'policy.activate', { version: result.policyVersion, initial: true });
        if (g.json) printJson({ db: g.db, ...result });
        else process.stdout.write(`registry ready at ${g.db}; active policy ${result.policyVersion}\n`);
      }, true));
}
