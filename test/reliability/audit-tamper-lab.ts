import Database from 'better-sqlite3';
import { generateKeyPairSync, sign } from 'node:crypto';
import pg from 'pg';
import { GENESIS_HASH } from '../../src/core/audit/audit-event.js';
import { storedEventHash } from '../../src/core/audit/chain-event.js';
import { checkpointBody } from '../../src/core/audit/checkpoint.js';
import { merkleRoot, leafHash } from '../../src/core/audit/merkle-tree.js';
import { keyIdOf } from '../../src/adapters/signer-local/local-signer.js';

/** Raw access to the audit tables behind the registry's back: what an insider with the database can do. */
export interface RawDb {
  all(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** SQLite and PostgreSQL spell a few things differently. */
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export function rawSqlite(path: string): RawDb {
  const db = new Database(path);
  return {
    dialect: 'sqlite',
    all: async (sql, params = []) => db.prepare(sql).all(...params) as Array<Record<string, unknown>>,
    run: async (sql, params = []) => {
      db.prepare(sql).run(...params);
    },
    close: async () => {
      db.close();
    },
  };
}

export async function rawPostgres(url: string): Promise<RawDb> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let n = 0;
  const numbered = (sql: string) => sql.replace(/\?/g, () => `$${++n}`);
  return {
    dialect: 'postgres',
    all: async (sql, params = []) => {
      n = 0;
      return (await client.query(numbered(sql), params)).rows as Array<Record<string, unknown>>;
    },
    run: async (sql, params = []) => {
      n = 0;
      await client.query(numbered(sql), params);
    },
    close: () => client.end(),
  };
}

interface EventRow {
  seq: number; at: string; actor: string; role: string; action: string; subject_id: string | null;
  purpose: string | null; detail: string; simulated: boolean; prev_hash: string; hash: string;
}

const COLUMNS = 'seq, at, actor, role, action, subject_id, purpose, detail, simulated, prev_hash, hash';

export async function readEvents(db: RawDb): Promise<EventRow[]> {
  return (await db.all(`SELECT ${COLUMNS} FROM audit_events ORDER BY seq`)).map((r) => ({
    ...(r as unknown as EventRow), seq: Number(r.seq), simulated: r.simulated === true || r.simulated === 1,
  }));
}

/**
 * Replace the whole log by `events`, every hash recomputed so the chain itself is flawless:
 * the strongest rewrite an insider without the signing key can make.
 */
export async function rewriteChain(db: RawDb, events: EventRow[]): Promise<EventRow[]> {
  let prevHash = GENESIS_HASH;
  const chained = events.map((e, seq) => {
    const fields = { at: e.at, actor: e.actor, role: e.role, action: e.action, subjectId: e.subject_id, purpose: e.purpose, simulated: e.simulated };
    const hash = storedEventHash(fields, seq, prevHash, e.detail);
    const row = { ...e, seq, prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  await db.run('DELETE FROM audit_events');
  for (const e of chained) {
    await db.run(`INSERT INTO audit_events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      e.seq, e.at, e.actor, e.role, e.action, e.subject_id, e.purpose, e.detail,
      db.dialect === 'sqlite' ? (e.simulated ? 1 : 0) : e.simulated, e.prev_hash, e.hash,
    ]);
  }
  return chained;
}

/** Sign checkpoints over `events` with a key the registry never issued, claiming `claimedKeyId` (or the forger's own). */
export async function forgeCheckpoints(db: RawDb, events: EventRow[], claimedKeyId?: string): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = claimedKeyId ?? keyIdOf(publicKey);
  const sizes = (await db.all('SELECT tree_size, at FROM audit_checkpoints ORDER BY tree_size')).map((r) => ({ size: Number(r.tree_size), at: String(r.at) }));
  await db.run('DELETE FROM audit_checkpoints');
  for (const { size, at } of sizes) {
    const treeSize = Math.min(size, events.length);
    const rootHash = merkleRoot(events.slice(0, treeSize).map((e) => leafHash(Buffer.from(e.hash, 'hex')))).toString('hex');
    const signature = sign(null, checkpointBody({ treeSize, rootHash, at, keyId }), privateKey).toString('base64');
    await db.run('INSERT INTO audit_checkpoints (tree_size, root_hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING', [treeSize, rootHash, at, keyId, signature]);
  }
}

export interface Tamper {
  name: string;
  /** Codes `audit verify` must report (at least one of each group: `A|B`). */
  expect: string[];
  apply(db: RawDb, n: number): Promise<void>;
}

/** Re-encode one detail into equivalent JSON text (a trailing space): same meaning, other bytes. */
export const reencodeDetail: Tamper['apply'] = (db, n) => db.run(`UPDATE audit_events SET detail = detail || ' ' WHERE seq = ?`, [Math.floor(n / 2)]);

const edit = (column: string, value: string): Tamper['apply'] => (db, n) =>
  db.run(`UPDATE audit_events SET ${column} = ${value} WHERE seq = ?`, [Math.floor(n / 2)]);

/** Every way to change the log behind the registry's back that the suite tries. */
export const TAMPERS: Tamper[] = [
  { name: 'edit an event detail', expect: ['XY_AUDIT_EDITED'], apply: edit('detail', `'{"action":"nothing"}'`) },
  {
    name: 'raise a logged score by prefixing one digit', expect: ['XY_AUDIT_EDITED'],
    apply: (db) => db.run(`UPDATE audit_events SET detail = replace(detail, '"score":', '"score":9') WHERE seq = (SELECT max(seq) FROM audit_events WHERE detail LIKE '%"score":%')`),
  },
  { name: 'edit the actor', expect: ['XY_AUDIT_EDITED'], apply: edit('actor', `'key:innocent'`) },
  { name: 'edit the role', expect: ['XY_AUDIT_EDITED'], apply: edit('role', `'auditor'`) },
  { name: 'edit the action', expect: ['XY_AUDIT_EDITED'], apply: edit('action', `'subject.read'`) },
  { name: 'edit the time', expect: ['XY_AUDIT_EDITED'], apply: edit('at', `'2020-01-01T00:00:00.000Z'`) },
  { name: 'edit the purpose', expect: ['XY_AUDIT_EDITED'], apply: edit('purpose', `'court_order'`) },
  { name: 'erase the subject of an access', expect: ['XY_AUDIT_EDITED'], apply: (db) => db.run('UPDATE audit_events SET subject_id = NULL WHERE seq = (SELECT max(seq) FROM audit_events WHERE subject_id IS NOT NULL)') },
  {
    name: 'flip the simulated flag', expect: ['XY_AUDIT_EDITED'],
    apply: (db, n) => db.run(`UPDATE audit_events SET simulated = ${db.dialect === 'sqlite' ? '1 - simulated' : 'NOT simulated'} WHERE seq = ?`, [Math.floor(n / 2)]),
  },
  { name: 'replace a hash', expect: ['XY_AUDIT_EDITED'], apply: edit('hash', `'${'ab'.repeat(32)}'`) },
  { name: 'replace a prev_hash', expect: ['XY_AUDIT_EDITED'], apply: edit('prev_hash', `'${'cd'.repeat(32)}'`) },
  { name: 'delete an event from the middle', expect: ['XY_AUDIT_GAP'], apply: (db, n) => db.run('DELETE FROM audit_events WHERE seq = ?', [Math.floor(n / 2)]) },
  { name: 'delete the first event', expect: ['XY_AUDIT_GAP'], apply: (db) => db.run('DELETE FROM audit_events WHERE seq = 0') },
  {
    name: 'swap two events (their seq)', expect: ['XY_AUDIT_EDITED|XY_AUDIT_ORDER'],
    apply: async (db, n) => {
      const k = Math.floor(n / 2);
      await db.run('UPDATE audit_events SET seq = -1 WHERE seq = ?', [k]);
      await db.run('UPDATE audit_events SET seq = ? WHERE seq = ?', [k, k + 1]);
      await db.run('UPDATE audit_events SET seq = ? WHERE seq = -1', [k + 1]);
    },
  },
  {
    name: 'swap two events (their contents, hashes included)', expect: ['XY_AUDIT_EDITED|XY_AUDIT_ORDER'],
    apply: async (db, n) => {
      const events = await readEvents(db);
      const k = Math.floor(n / 2);
      const [a, b] = [events[k]!, events[k + 1]!];
      await db.run('DELETE FROM audit_events WHERE seq IN (?, ?)', [k, k + 1]);
      for (const [seq, e] of [[k, b], [k + 1, a]] as const) {
        await db.run(`INSERT INTO audit_events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          seq, e.at, e.actor, e.role, e.action, e.subject_id, e.purpose, e.detail, db.dialect === 'sqlite' ? (e.simulated ? 1 : 0) : e.simulated, e.prev_hash, e.hash,
        ]);
      }
    },
  },
  { name: 'truncate the tail', expect: ['XY_AUDIT_TRUNCATED'], apply: (db, n) => db.run('DELETE FROM audit_events WHERE seq >= ?', [n - 3]) },
  { name: 'truncate to nothing', expect: ['XY_AUDIT_TRUNCATED'], apply: (db) => db.run('DELETE FROM audit_events') },
  {
    name: 'edit an event and recompute the whole chain after it', expect: ['XY_AUDIT_ROOT_MISMATCH'],
    apply: async (db, n) => {
      const events = await readEvents(db);
      events[Math.floor(n / 2)]!.detail = '{"action":"nothing"}';
      await rewriteChain(db, events);
    },
  },
  {
    name: 'delete an event, renumber and recompute the chain', expect: ['XY_AUDIT_ROOT_MISMATCH|XY_AUDIT_TRUNCATED'],
    apply: async (db, n) => {
      const events = await readEvents(db);
      events.splice(Math.floor(n / 2), 1);
      await rewriteChain(db, events);
    },
  },
  {
    name: 'insert a forged event, renumber and recompute the chain', expect: ['XY_AUDIT_ROOT_MISMATCH'],
    apply: async (db, n) => {
      const events = await readEvents(db);
      const k = Math.floor(n / 2);
      events.splice(k, 0, { ...events[k]!, actor: 'key:forged', detail: '{}' });
      await rewriteChain(db, events);
    },
  },
  { name: 'alter a checkpoint root', expect: ['XY_AUDIT_BAD_SIGNATURE', 'XY_AUDIT_ROOT_MISMATCH'], apply: (db) => db.run(`UPDATE audit_checkpoints SET root_hash = '${'00'.repeat(32)}' WHERE tree_size = (SELECT max(tree_size) FROM audit_checkpoints)`) },
  { name: 'shrink a checkpoint tree size', expect: ['XY_AUDIT_BAD_SIGNATURE', 'XY_AUDIT_ROOT_MISMATCH'], apply: (db) => db.run('UPDATE audit_checkpoints SET tree_size = tree_size - 1 WHERE tree_size = (SELECT max(tree_size) FROM audit_checkpoints)') },
  { name: 'backdate a checkpoint', expect: ['XY_AUDIT_BAD_SIGNATURE'], apply: (db) => db.run(`UPDATE audit_checkpoints SET at = '2020-01-01T00:00:00.000Z'`) },
  {
    name: 'flip a bit of a checkpoint signature', expect: ['XY_AUDIT_BAD_SIGNATURE'],
    apply: async (db) => {
      const [row] = await db.all('SELECT tree_size, signature FROM audit_checkpoints ORDER BY tree_size LIMIT 1');
      const sig = Buffer.from(String(row!.signature), 'base64');
      sig[5] = sig[5]! ^ 1;
      await db.run('UPDATE audit_checkpoints SET signature = ? WHERE tree_size = ?', [sig.toString('base64'), Number(row!.tree_size)]);
    },
  },
  { name: 'point a checkpoint at an unknown key', expect: ['XY_AUDIT_BAD_SIGNATURE'], apply: (db) => db.run(`UPDATE audit_checkpoints SET key_id = '0123456789abcdef'`) },
  {
    name: 'rewrite the chain and forge its checkpoints under the real key id', expect: ['XY_AUDIT_BAD_SIGNATURE'],
    apply: async (db, n) => {
      const events = await readEvents(db);
      events[Math.floor(n / 2)]!.purpose = 'court_order';
      const [cp] = await db.all('SELECT key_id FROM audit_checkpoints LIMIT 1');
      await forgeCheckpoints(db, await rewriteChain(db, events), String(cp!.key_id));
    },
  },
  {
    name: 'rewrite the chain and sign its checkpoints with the forger\'s own key', expect: ['XY_AUDIT_BAD_SIGNATURE'],
    apply: async (db, n) => {
      const events = await readEvents(db);
      events.splice(Math.floor(n / 2), 2);
      await forgeCheckpoints(db, await rewriteChain(db, events));
    },
  },
];
