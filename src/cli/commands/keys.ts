import type { Command } from 'commander';
import { createApiKey } from '../../app/api-keys.js';
import { auditWrite, OPERATOR } from '../../app/operator.js';
import { activePolicy } from '../../app/registry.js';
import { rotateMasterKey } from '../../app/rotate-master-key.js';
import { printJson, withRegistry } from '../run-command.js';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

/** `xinyong keys create|list|revoke`: API keys for the HTTP service. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys for the HTTP service');
  keys.command('create')
    .description('create a key; the secret is printed once and only its hash is stored')
    .requiredOption('--role <role>', 'admin, auditor, furnisher, relying_party or subject')
    .option('--source <id>', 'furnisher: the source it writes for')
    .option('--subject <subject>', 'subject: the subject id or identity number it reads')
    .option('--actions <list>', 'relying party: actions it may ask about', list)
    .option('--purposes <list>', 'relying party: purposes it may name', list)
    .option('--label <text>', 'who the key is for')
    .action((opts: { role: string; source?: string; subject?: string; actions?: string[]; purposes?: string[]; label?: string }, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const { policy } = await activePolicy(registry);
        const created = await createApiKey(registry, policy, opts);
        await auditWrite(registry, OPERATOR, 'keys.create', { id: created.id, role: created.role });
        await registry.audit.checkpoint(registry.signer, registry.clock.now());
        if (g.json) printJson(created);
        else process.stdout.write(`${created.role} key ${created.id}: ${created.key}\n(store it now: it is not shown again)\n`);
      }));
  keys.command('list')
    .description('keys and their grants (never the secrets)')
    .action((_o, command: Command) =>
      withRegistry(command, async (registry, g) => {
        for (const k of await registry.store.apiKeys()) {
          const { secretHash: _hidden, ...grant } = k;
          if (g.json) printJson(grant);
          else process.stdout.write(`${k.id} ${k.role.padEnd(14)} ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'} ${k.source ?? ''}${k.actions.join(',')} ${k.label ?? ''}\n`);
        }
      }));
  keys.command('rotate-master')
    .description('add a new master key for identity numbers and re-seal every stored number with it')
    .action((_o, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const result = await rotateMasterKey(registry, g.db, process.env.XINYONG_MASTER_KEY);
        if (g.json) printJson(result);
        else process.stdout.write(`master key ${result.keyId} is current; ${result.resealed} identity numbers re-sealed\n`);
      }));
  keys.command('revoke')
    .description('revoke a key at once')
    .argument('<id>')
    .action((id: string, _o, command: Command) =>
      withRegistry(command, async (registry, g) => {
        const revoked = await registry.store.revokeApiKey(id, registry.clock.now());
        if (revoked) await auditWrite(registry, OPERATOR, 'keys.revoke', { id });
        if (g.json) printJson({ id, revoked });
        else process.stdout.write(revoked ? `revoked ${id}\n` : `no active key ${id}\n`);
        return revoked ? 0 : 3;
      }));
}
