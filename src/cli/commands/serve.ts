import type { Command } from 'commander';
import { demoAdminKey } from '../../app/demo-admin-key.js';
import { runDemo } from '../../app/demo/run-demo.js';
import { openRegistry } from '../../app/registry.js';
import { XyFailure } from '../../app/xy-failure.js';
import { Errors } from '../../core/errors.js';
import { fail, globals, registryOptions } from '../run-command.js';

/** `xinyong serve`: the HTTP API and the dashboard on http://localhost:8080. */
export function registerServe(program: Command): void {
  program.command('serve')
    .description('run the HTTP API and the dashboard')
    .option('--port <port>', 'port', (v) => Number.parseInt(v, 10), 8080)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--demo', 'create the store with a demo population if it is empty, and print a demo admin key')
    .option('--events-nats <url>', 'also publish list changes to NATS JetStream, subjects xinyong.events.list.* (env XINYONG_EVENTS_NATS)', process.env.XINYONG_EVENTS_NATS)
    .option('--ingest-stream <url>', 'POST /v1/records publishes to the NATS JetStream record stream (202) for `xinyong worker` (env XINYONG_INGEST_STREAM)', process.env.XINYONG_INGEST_STREAM)
    .action(async (opts: { port: number; host: string; demo?: boolean; eventsNats?: string; ingestStream?: string }, command: Command) => {
      try {
        const options = registryOptions(globals(command));
        let adminKey: string | undefined;
        if (opts.demo) {
          const registry = await openRegistry(options, true);
          try {
            const demo = await runDemo(registry, { people: 300, orgs: 60, seed: 2014, ifEmpty: true });
            if (!demo.skipped) process.stderr.write(`demo population created: ${demo.summary.accepted} records\n`);
            adminKey = await demoAdminKey(registry, options.dbPath);
            await registry.audit.checkpoint(registry.signer, registry.clock.now());
          } finally {
            await registry.close();
          }
        }
        // Loaded here: the HTTP stack is most of what every other command would otherwise load at start.
        const { startServer } = await import('../../http/start-server.js');
        const server = await startServer({ ...options, port: opts.port, host: opts.host, ...(opts.eventsNats ? { eventsNatsUrl: opts.eventsNats } : {}),
          ...(opts.ingestStream ? { ingestStreamUrl: opts.ingestStream } : {}) }).catch((e: unknown) => {
          const code = (e as { code?: string }).code;
          if (code === 'EADDRINUSE') throw new XyFailure(Errors.BAD_ARGUMENT(`port ${opts.port} on ${opts.host} is in use: stop the other server or pass --port`));
          throw e;
        });
        const url = server.url.replace('127.0.0.1', 'localhost');
        process.stderr.write(`\nxinyong is serving ${url}  (API docs: ${url}/docs)\n`);
        if (adminKey) {
          process.stderr.write(`demo admin key: ${adminKey}\n`);
          process.stderr.write(`try: curl -H "Authorization: Bearer ${adminKey}" "${url}/v1/audit/checkpoint"\n\n`);
        }
      } catch (e) {
        fail(e);
      }
    });
}
