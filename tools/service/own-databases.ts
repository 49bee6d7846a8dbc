/**
 * Databases a local stack creates for itself, marked as such, so `npm start` drops and recreates only those: a
 * database of the same name that it did not create (another stack's, an operator's) is never dropped.
 */
import { Client } from 'pg';

/** The comment that marks a database created by a local stack. */
export const OWN_DATABASE_MARK = 'civic-match local stack: npm start may drop and recreate it';

async function onServer<T>(url: string, fn: (client: Client, name: string) => Promise<T>): Promise<T> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`database name ${JSON.stringify(name)} must be lower-case letters, digits and _`);
  target.pathname = '/postgres';
  const client = new Client({ connectionString: target.toString() });
  await client.connect();
  try {
    return await fn(client, name);
  } finally {
    await client.end();
  }
}

/** Whether the database exists, and whether it carries the mark. */
export function databaseState(url: string): Promise<'absent' | 'own' | 'foreign'> {
  return onServer(url, async (client, name) => {
    const { rows } = await client.query<{ mark: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`,
      [name],
    );
    if (rows.length === 0) return 'absent';
    return rows[0].mark === OWN_DATABASE_MARK ? 'own' : 'foreign';
  });
}

/** Creates the database, marked as the local stack's, unless it exists (then it is left as it is). */
export function createOwnDatabase(url: string): Promise<void> {
  return onServer(url, async (client, name) => {
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (e) {
      if ((e as { code?: string }).code === '42P04') return; // exists: not ours to mark
      throw e;
    }
    await client.query(`COMMENT ON DATABASE "${name}" IS '${OWN_DATABASE_MARK}'`);
  });
}

/** Drops the database if it carries the mark; throws, naming it, when it exists without it. */
export async function dropOwnDatabase(url: string): Promise<void> {
  const state = await databaseState(url);
  if (state === 'absent') return;
  if (state === 'foreign') {
    const name = new URL(url).pathname.slice(1);
    throw new Error(
      `database ${name} exists and was not created by a local stack: it is not dropped. Choose other names with CIVIC_DATABASE_PREFIX, ` +
        `keep its data with --keep-data, or, if it is yours to lose, drop it yourself (or mark it: COMMENT ON DATABASE ${name} IS '${OWN_DATABASE_MARK}')`,
    );
  }
  await onServer(url, (client, name) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined));
}
