import type { Command } from 'commander';
import type { XyError } from '../core/errors.js';
import { openRegistry, type Registry, type RegistryOptions } from '../app/registry.js';
import { RegistryService } from '../app/registry-service.js';
import { XyFailure } from '../app/xy-failure.js';

export const ExitCode = { ok: 0, fatal: 2, someRejected: 3 } as const;

export interface GlobalOptions {
  db: string;
  databaseUrl?: string;
  json?: boolean;
}

/** The options every command shares, from the root command. */
export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

export function registryOptions(g: GlobalOptions): RegistryOptions {
  return { dbPath: g.db, databaseUrl: g.databaseUrl, masterKey: process.env.XINYONG_MASTER_KEY, clock: process.env.XINYONG_CLOCK };
}

export function printError(error: XyError): void {
  const where = [error.file, error.line, error.column].filter((p) => p !== undefined).join(':');
  process.stderr.write(`xinyong: ${error.code}: ${where ? `${where}: ` : ''}${error.message}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/**
 * Run a command body with a registry and map failures to the contract's exit codes:
 * expected failures print their code; anything else prints one line (no stack unless XINYONG_DEBUG).
 */
export async function withRegistry(
  command: Command, body: (registry: Registry, g: GlobalOptions) => Promise<number | void>, create = false,
): Promise<void> {
  const g = globals(command);
  let registry: Registry | undefined;
  try {
    registry = await openRegistry(registryOptions(g), create);
    process.exitCode = (await body(registry, g)) ?? ExitCode.ok;
  } catch (e) {
    fail(e);
  } finally {
    await registry?.close();
  }
}

/**
 * Like withRegistry, through the audited service as the operator; signs a checkpoint at the end
 * when the command added audit events.
 */
export async function withService(
  command: Command, body: (service: RegistryService, g: GlobalOptions) => Promise<number | void>, create = false,
): Promise<void> {
  await withRegistry(command, async (registry, g) => {
    const service = new RegistryService(registry, registry.audit, registry.signer);
    const code = await body(service, g);
    await service.maybeCheckpoint(true);
    return code;
  }, create);
}

export function fail(e: unknown): void {
  if (e instanceof XyFailure) printError(e.error);
  else {
    process.stderr.write(`xinyong: XY_INTERNAL: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.XINYONG_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
  }
  process.exitCode = ExitCode.fatal;
}
