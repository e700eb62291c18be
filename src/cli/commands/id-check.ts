import type { Command } from 'commander';
import { checkIdentity } from '../../core/identity/check-identity.js';
import { systemClock } from '../../adapters/clock/system-clock.js';
import { ExitCode, globals, printJson } from '../run-command.js';

/** `xinyong id check VALUE...`: validate resident IDs and USCCs without touching the store. */
export function registerIdCheck(id: Command): void {
  id.command('check')
    .description('validate resident ID numbers (GB 11643) and Unified Social Credit Codes (GB 32100)')
    .argument('<value...>', 'identity numbers to check')
    .action((values: string[], _opts, command: Command) => {
      const today = systemClock(process.env.XINYONG_CLOCK).now().slice(0, 10);
      const results = values.map((v) => checkIdentity(v, today));
      for (const r of results) {
        if (globals(command).json) printJson(r);
        else if (r.valid) {
          const detail = r.kind === 'resident_id' ? `born ${r.birthDate}, ${r.sex}${r.region ? `, ${r.region}` : ''}` : `${r.orgType?.name ?? ''}${r.region ? `, ${r.region}` : ''}`;
          process.stdout.write(`${r.input}: valid ${r.kind} ${r.normalized} (${detail})${r.warnings?.length ? ` warning: ${r.warnings.join('; ')}` : ''}\n`);
        } else process.stdout.write(`${r.input}: invalid: ${r.error?.code}: ${r.error?.message}\n`);
      }
      process.exitCode = results.every((r) => r.valid) ? ExitCode.ok : ExitCode.someRejected;
    });
}
