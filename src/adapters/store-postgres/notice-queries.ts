import type { Notice } from '../../ports/registry-store.js';
import { changed, rows, run, type PgDb, type PostgresDatabase } from './postgres-schema.js';

/** Notices on PostgreSQL: stored once per key, read newest first per recipient. */
export const noticeQueries = {
  /**
   * Store the notices whose key is not stored yet, in one statement: the key is claimed in
   * notice_keys (a key repeated within the call keeps its first notice), the notice stored for
   * the keys claimed. Only a repeated key is ignored: a reused id is a bug and throws.
   */
  async add(db: PgDb, notices: readonly Notice[]): Promise<number> {
    const firsts = new Map<string, Notice>();
    for (const n of notices) if (!firsts.has(n.key)) firsts.set(n.key, n);
    if (firsts.size === 0) return 0;
    // In key order: two writers claiming overlapping keys wait for each other, never deadlock.
    const ns = [...firsts.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    const result = await run(
      db,
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS t (id, key, recipient, subject_id, at, kind, body)
       ), claimed AS (
         INSERT INTO notice_keys (key, notice_id) SELECT key, id FROM input ON CONFLICT (key) DO NOTHING RETURNING key
       )
       INSERT INTO notices (id, key, recipient, subject_id, at, kind, body)
       SELECT i.id, i.key, i.recipient, i.subject_id, i.at, i.kind, i.body::json FROM input i JOIN claimed c ON c.key = i.key`,
      [ns.map((n) => n.id), ns.map((n) => n.key), ns.map((n) => n.recipient), ns.map((n) => n.subjectId), ns.map((n) => n.at),
        ns.map((n) => n.kind), ns.map((n) => JSON.stringify(n.body))],
    );
    return changed(result);
  },

  async of(db: PgDb, recipient: string, limit: number): Promise<Notice[]> {
    const found = await rows<PostgresDatabase['notices']>(
      db,
      'SELECT id, key, recipient, subject_id, at, kind, body FROM notices WHERE recipient = $1 ORDER BY at DESC, id DESC LIMIT $2',
      [recipient, limit],
    );
    return found.map((r) => ({
      id: r.id, key: r.key, recipient: r.recipient, subjectId: r.subject_id, at: r.at, kind: r.kind, body: r.body as Record<string, unknown>,
    }));
  },
};
