import type { Command } from 'commander';
import { printJson, withService } from '../run-command.js';

/** `xinyong tick`: process what has fallen due at the clock's time (XINYONG_CLOCK to simulate). */
export function registerTick(program: Command): void {
  program.command('tick')
    .description('process due deadlines, expiries, repairs, escalation warnings and erasures at the clock\'s time')
    .action((_o, command: Command) =>
      withService(command, async (service, g) => {
        const summary = await service.tick();
        if (g.json) printJson(summary);
        else {
          process.stdout.write(`tick at ${summary.at}: ${summary.lapsed} objection(s) lapsed, ${summary.repairsDecided} repair(s) decided by deadline, ` +
            `${summary.erased} record(s) erased, ${summary.subjects} subject(s) recomputed, ${summary.notices} notice(s) sent\n`);
        }
      }));
}
