import type { Command } from 'commander';
import { verifyStoredLog } from '../../app/verify-audit.js';
import { ExitCode, printJson, withRegistry } from '../run-command.js';

/** `xinyong audit verify|checkpoint`: the tamper-evident log of every write and access. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit.command('verify')
    .description('verify the hash chain and every signed checkpoint; exit 3 on any break')
    .action((_o, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const result = await verifyStoredLog(registry.audit, registry.signer);
        if (g.json) printJson(result);
        else if (result.ok) process.stdout.write(`audit log intact: ${result.events} events, ${result.checkpoints} signed checkpoints verified\n`);
        else {
          process.stdout.write(`audit log BROKEN: ${result.problems.length} problem(s) in ${result.events} events\n`);
          for (const p of result.problems) process.stdout.write(`  ${p.code}${p.seq !== undefined ? ` at event ${p.seq}` : ''}: ${p.message}\n`);
        }
        return result.ok ? ExitCode.ok : ExitCode.someRejected;
      }));
  audit.command('checkpoint')
    .description('sign the current tree head now (the server also does this every minute)')
    .action((_o, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const checkpoint = await registry.audit.checkpoint(registry.signer, registry.clock.now());
        if (g.json) printJson(checkpoint);
        else process.stdout.write(`checkpoint: ${checkpoint.treeSize} events, root ${checkpoint.rootHash}, key ${checkpoint.keyId}\n`);
      }));
}
