import { Client } from 'pg';

/** Runs `fn` on a connection to the `postgres` maintenance database of the server in `url`, with the target's name. */
async function onMaintenanceDb(url: string, fn: (client: Client, name: string) => Promise<void>): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name ${JSON.stringify(name)} must be letters, digits and _`);
  target.pathname = '/postgres';
  const client = new Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await fn(client, name);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` when it does not exist yet. */
export function ensureDatabase(url: string): Promise<void> {
  return onMaintenanceDb(url, async (client, name) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (e) {
      // Another process created it between our check and our CREATE.
      if ((e as { code?: string }).code !== '42P04') throw e;
    }
  });
}

/** Drops the database named in `url` if it exists, disconnecting its sessions first. */
export function dropDatabase(url: string): Promise<void> {
  return onMaintenanceDb(url, (client, name) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined));
}
