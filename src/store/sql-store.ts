import { MIGRATIONS } from './migrations.ts';
import { num, toKey, toUsage, toUser, USAGE_COLUMNS } from './rows.ts';
import type { SqlDriver, SqlValue } from './sql-driver.ts';
import type { Store } from './store.ts';
import type { UsageBatch } from './usage-batch.ts';
import type { KeyRecord, NewUser, RequestPage, UsageFilter, UsageGroup, UsageGroupBy, UsageRecord, User, UserPatch } from './types.ts';

/** Where-clause builder with numbered parameters. */
class Where {
  readonly parts: string[] = [];
  readonly params: SqlValue[] = [];

  add(sql: (p: (value: SqlValue) => string) => string): void {
    this.parts.push(sql((value) => {
      this.params.push(value);
      return `$${this.params.length}`;
    }));
  }

  get sql(): string {
    return this.parts.length === 0 ? '' : `WHERE ${this.parts.join(' AND ')}`;
  }
}

function applyFilter(where: Where, f: UsageFilter & { readonly status?: number | undefined }, table = 'usage_records'): void {
  if (f.from !== undefined) where.add((p) => `${table}.ts >= ${p(f.from ?? 0)}`);
  if (f.to !== undefined) where.add((p) => `${table}.ts < ${p(f.to ?? 0)}`);
  if (f.userId !== undefined) where.add((p) => `${table}.user_id = ${p(f.userId ?? null)}`);
  if (f.keyId !== undefined) where.add((p) => `${table}.key_id = ${p(f.keyId ?? null)}`);
  if (f.endpoint !== undefined) where.add((p) => `${table}.endpoint = ${p(f.endpoint ?? null)}`);
  if (f.model !== undefined) where.add((p) => `(${table}.model_requested = ${p(f.model ?? null)} OR ${table}.model_served = $${where.params.length})`);
  if (f.status !== undefined) where.add((p) => `${table}.status = ${p(f.status ?? 0)}`);
}

function encodeCursor(r: UsageRecord): string {
  return Buffer.from(`${r.ts}:${r.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { ts: number; id: string } | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const ts = Number(text.slice(0, colon));
  return colon > 0 && Number.isFinite(ts) ? { ts, id: text.slice(colon + 1) } : null;
}

/** The Store over any SqlDriver: the SQL is shared, only the driver differs. */
export class SqlStore implements Store {
  readonly #db: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#db = driver;
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.#db.kind;
  }

  migrate(): Promise<void> {
    return this.#db.migrate(MIGRATIONS);
  }

  async createUser(user: NewUser): Promise<User> {
    const email = user.email?.toLowerCase() ?? null;
    // DO NOTHING, then read back: two requests seeing a new user at once both get the same row.
    await this.#db.run(
      'INSERT INTO users (id, email, name, groups_json, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [user.id, email, user.name, JSON.stringify(user.groups), user.createdAt],
    );
    const found = (await this.getUser(user.id)) ?? (email === null ? null : await this.findUserByEmail(email));
    if (found === null) throw new Error(`user ${user.id} could not be created`);
    return found;
  }

  async getUser(id: string): Promise<User | null> {
    const [row] = await this.#db.query('SELECT * FROM users WHERE id = $1', [id]);
    return row === undefined ? null : toUser(row);
  }

  async findUserByEmail(email: string): Promise<User | null> {
    const [row] = await this.#db.query('SELECT * FROM users WHERE email = $1', [email.toLowerCase()]);
    return row === undefined ? null : toUser(row);
  }

  async listUsers(): Promise<User[]> {
    return (await this.#db.query('SELECT * FROM users ORDER BY created_at, id')).map(toUser);
  }

  async updateUser(id: string, patch: UserPatch): Promise<User | null> {
    const sets: string[] = [];
    const params: SqlValue[] = [];
    if (patch.email !== undefined) sets.push(`email = $${params.push(patch.email?.toLowerCase() ?? null)}`);
    if (patch.name !== undefined) sets.push(`name = $${params.push(patch.name)}`);
    if (patch.groups !== undefined) sets.push(`groups_json = $${params.push(JSON.stringify(patch.groups))}`);
    if (sets.length > 0) await this.#db.run(`UPDATE users SET ${sets.join(', ')} WHERE id = $${params.push(id)}`, params);
    return this.getUser(id);
  }

  async deleteUser(id: string): Promise<boolean> {
    return (await this.#db.run('DELETE FROM users WHERE id = $1', [id])) > 0;
  }

  async createKey(k: KeyRecord): Promise<void> {
    await this.#db.run(
      `INSERT INTO api_keys (id, hash, prefix, user_id, name, trusted, models_json, metadata_json, created_at, expires_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [k.id, k.hash, k.prefix, k.userId, k.name, k.trusted ? 1 : 0, JSON.stringify(k.models), JSON.stringify(k.metadata), k.createdAt, k.expiresAt, k.revokedAt],
    );
  }

  async findKeyByHash(hash: string): Promise<KeyRecord | null> {
    const [row] = await this.#db.query('SELECT * FROM api_keys WHERE hash = $1', [hash]);
    return row === undefined ? null : toKey(row);
  }

  async getKey(id: string): Promise<KeyRecord | null> {
    const [row] = await this.#db.query('SELECT * FROM api_keys WHERE id = $1', [id]);
    return row === undefined ? null : toKey(row);
  }

  async listKeys(userId?: string): Promise<KeyRecord[]> {
    const rows = userId === undefined
      ? await this.#db.query('SELECT * FROM api_keys ORDER BY created_at, id')
      : await this.#db.query('SELECT * FROM api_keys WHERE user_id = $1 ORDER BY created_at, id', [userId]);
    return rows.map(toKey);
  }

  async revokeKey(id: string, at: number): Promise<boolean> {
    return (await this.#db.run('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2', [at, id])) > 0;
  }

  async putCredential(userId: string, endpoint: string, sealed: string, at: number): Promise<void> {
    await this.#db.run(
      `INSERT INTO user_credentials (user_id, endpoint, sealed, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, endpoint) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
      [userId, endpoint, sealed, at],
    );
  }

  async getCredential(userId: string, endpoint: string): Promise<string | null> {
    const [row] = await this.#db.query('SELECT sealed FROM user_credentials WHERE user_id = $1 AND endpoint = $2', [userId, endpoint]);
    return row === undefined ? null : String(row.sealed);
  }

  async deleteCredential(userId: string, endpoint: string): Promise<boolean> {
    return (await this.#db.run('DELETE FROM user_credentials WHERE user_id = $1 AND endpoint = $2', [userId, endpoint])) > 0;
  }

  async listCredentialEndpoints(userId: string): Promise<string[]> {
    return (await this.#db.query('SELECT endpoint FROM user_credentials WHERE user_id = $1 ORDER BY endpoint', [userId])).map((r) => String(r.endpoint));
  }

  async insertUsage(batch: UsageBatch): Promise<number> {
    if (batch.size === 0) return 0;
    // Replays after an outage may repeat rows: the id makes them no-ops, never duplicates.
    return this.#db.insertRows('usage_records', USAGE_COLUMNS, batch.rows, 'id');
  }

  async summarizeUsage(groupBy: UsageGroupBy, filter: UsageFilter): Promise<UsageGroup[]> {
    const where = new Where();
    applyFilter(where, filter, 'u');
    const groupExpr = {
      user: 'u.user_id',
      key: 'u.key_id',
      endpoint: 'u.endpoint',
      model: 'COALESCE(u.model_served, u.model_requested)',
      day: this.#db.dayOf('u.ts'),
    }[groupBy];
    const join = groupBy === 'user' ? 'LEFT JOIN users x ON x.id = u.user_id' : groupBy === 'key' ? 'LEFT JOIN api_keys x ON x.id = u.key_id' : '';
    const label = groupBy === 'user' ? 'MAX(x.email)' : groupBy === 'key' ? 'MAX(x.name)' : 'NULL';
    const order = groupBy === 'day' ? 'grp' : 'cost DESC, requests DESC, grp';
    const rows = await this.#db.query(
      `SELECT ${groupExpr} AS grp, ${label} AS label, COUNT(*) AS requests, SUM(u.prompt_tokens) AS prompt_tokens,
        SUM(u.completion_tokens) AS completion_tokens, SUM(u.cached_tokens) AS cached_tokens, COALESCE(SUM(u.cost), 0) AS cost
       FROM usage_records u ${join} ${where.sql} GROUP BY ${groupExpr} ORDER BY ${order}`,
      where.params,
    );
    return rows.map((r) => ({
      group: r.grp === null || r.grp === undefined ? null : String(r.grp),
      label: typeof r.label === 'string' ? r.label : null,
      requests: num(r.requests),
      prompt_tokens: num(r.prompt_tokens),
      completion_tokens: num(r.completion_tokens),
      cached_tokens: num(r.cached_tokens),
      cost: num(r.cost),
    }));
  }

  async listRequests(filter: UsageFilter & { readonly status?: number | undefined }, limit: number, cursor: string | null): Promise<RequestPage> {
    const where = new Where();
    applyFilter(where, filter);
    const after = cursor === null ? null : decodeCursor(cursor);
    if (after !== null) where.add((p) => `(ts < ${p(after.ts)} OR (ts = $${where.params.length} AND id < ${p(after.id)}))`);
    const rows = await this.#db.query(
      `SELECT * FROM usage_records ${where.sql} ORDER BY ts DESC, id DESC LIMIT ${Math.max(1, Math.floor(limit)) + 1}`,
      where.params,
    );
    const data = rows.slice(0, limit).map(toUsage);
    const last = data.at(-1);
    return { data, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last) : null };
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}
