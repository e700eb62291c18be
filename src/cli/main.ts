#!/usr/bin/env node
import { Command } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerObjections, registerRepairs } from './commands/cases.js';
import { registerLinks } from './commands/links.js';
import { registerNotices } from './commands/notices.js';
import { registerTick } from './commands/tick.js';
import { registerDecide } from './commands/decide.js';
import { registerDemo } from './commands/demo.js';
import { registerIdCheck } from './commands/id-check.js';
import { registerImport } from './commands/import.js';
import { registerIngest } from './commands/ingest.js';
import { registerInit } from './commands/init.js';
import { registerKeys } from './commands/keys.js';
import { registerLink } from './commands/link.js';
import { registerLists } from './commands/lists.js';
import { registerPolicy } from './commands/policy.js';
import { registerReport } from './commands/report.js';
import { registerRescore } from './commands/rescore.js';
import { registerScore } from './commands/score.js';
import { registerScorecard } from './commands/scorecard.js';
import { registerServe } from './commands/serve.js';
import { registerStats } from './commands/stats.js';
import { registerWorker } from './commands/worker.js';
import { ExitCode } from './run-command.js';

const program = new Command('xinyong')
  .description('xinyong (信用): a social credit registry that explains itself')
  .option('--db <path>', 'SQLite store', process.env.XINYONG_DB ?? './data/xinyong.db')
  .option('--database-url <url>', 'PostgreSQL store instead of --db (env DATABASE_URL)', process.env.DATABASE_URL)
  .option('--json', 'machine-readable output on stdout')
  .showHelpAfterError()
  .exitOverride((e) => {
    // Usage errors exit 2 per the contract; --help and --version exit 0.
    process.exit(e.exitCode === 0 ? ExitCode.ok : ExitCode.fatal);
  });

registerInit(program);
registerIngest(program);
registerImport(program);
registerIdCheck(program.command('id').description('identity numbers'));
registerScore(program);
registerDecide(program);
registerReport(program);
registerLists(program);
registerLink(program);
registerStats(program);
registerPolicy(program);
registerRescore(program);
registerDemo(program);
registerKeys(program);
registerAudit(program);
registerObjections(program);
registerLinks(program);
registerRepairs(program);
registerNotices(program);
registerTick(program);
registerServe(program);
registerWorker(program);
registerScorecard(program);

await program.parseAsync(process.argv);
