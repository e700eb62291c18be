import { dirname, join } from 'node:path';
import { Errors } from '../core/errors.js';
import type { Policy } from '../core/policy/policy-schema.js';
import { LocalKeyRing } from '../adapters/key-ring-local/local-key-ring.js';
import { loadMasterKeys } from '../adapters/key-ring-local/master-key.js';
import { systemClock } from '../adapters/clock/system-clock.js';
import { loadLocalSigner } from '../adapters/signer-local/signing-key-file.js';
import { SqliteAuditLog } from '../adapters/store-sqlite/sqlite-audit-log.js';
import { SqliteStore } from '../adapters/store-sqlite/sqlite-store.js';
import { PostgresAuditLog } from '../adapters/store-postgres/postgres-audit-log.js';
import { PostgresStore } from '../adapters/store-postgres/postgres-store.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Signer } from '../ports/signer.js';
import type { Clock } from '../ports/clock.js';
import type { KeyRing } from '../ports/key-ring.js';
import type { ApiKeyStore } from '../ports/api-key-store.js';
import type { RegistryStore } from '../ports/registry-store.js';
import { idGenerator } from './new-id.js';
import { XyFailure } from './xy-failure.js';

export interface RegistryOptions {
  /** SQLite file; its key file sits beside it. */
  dbPath: string;
  databaseUrl?: string | undefined;
  masterKey?: string | undefined;
  clock?: string | undefined;
}

/** Everything a use case needs, wired once per process. */
export interface Registry {
  store: RegistryStore & ApiKeyStore;
  keyRing: KeyRing;
  clock: Clock;
  audit: AuditLog;
  signer: Signer;
  newId: () => string;
  close(): Promise<void>;
}

/** Open the store and keys; `create` allows a new store and key file (only `init` and `demo` do). */
export async function openRegistry(options: RegistryOptions, create = false): Promise<Registry> {
  // The master key and signing key live beside the SQLite file, or (with PostgreSQL) beside where it
  // would be (./data by default); XINYONG_MASTER_KEY keeps the master key off the disk altogether.
  const keyFile = join(dirname(options.dbPath), 'xinyong.key');
  const where = options.databaseUrl ? redactedUrl(options.databaseUrl) : options.dbPath;
  let store: SqliteStore | PostgresStore;
  try {
    store = options.databaseUrl ? new PostgresStore({ connectionString: options.databaseUrl }) : new SqliteStore({ path: options.dbPath, mustExist: !create });
  } catch {
    throw new XyFailure(Errors.STORE_NOT_INITIALISED(where));
  }
  const fail = async (error: ReturnType<typeof Errors.STORE_NOT_INITIALISED>) => {
    await store.close();
    throw new XyFailure(error);
  };
  let initialised: boolean;
  try {
    initialised = await store.isInitialised();
  } catch (e) {
    await store.close();
    throw new XyFailure(Errors.STORE_UNREACHABLE(where, e instanceof Error ? e.message : String(e)));
  }
  if (!create && !initialised) await fail(Errors.STORE_NOT_INITIALISED(where));
  const master = loadMasterKeys({ file: keyFile, fromEnv: options.masterKey, create });
  if (!master) await fail(Errors.STORE_NOT_INITIALISED(`${where} (key file ${keyFile} is missing)`));
  const signingKeyFile = join(dirname(options.dbPath), 'audit-signing.pem');
  const signer = loadLocalSigner({ file: signingKeyFile, create });
  if (!signer) await fail(Errors.STORE_NOT_INITIALISED(`${where} (audit signing key ${signingKeyFile} is missing)`));
  return {
    store,
    audit: store instanceof PostgresStore ? new PostgresAuditLog(store) : new SqliteAuditLog(store.database),
    signer: signer!,
    keyRing: new LocalKeyRing(master!),
    clock: systemClock(options.clock),
    newId: idGenerator(),
    close: () => store.close(),
  };
}

/** The active policy, parsed from its stored canonical form. */
export async function activePolicy(registry: Registry): Promise<{ policy: Policy; version: string }> {
  const stored = await registry.store.activePolicy();
  if (!stored) throw new XyFailure(Errors.STORE_NO_POLICY());
  return { policy: JSON.parse(stored.content) as Policy, version: stored.version };
}

/** A connection URL as it may be shown: without its password. */
function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL database';
  }
}
