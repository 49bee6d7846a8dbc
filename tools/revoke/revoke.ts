/**
 * `npm run revoke -- --token JWT | --jti ID --exp SECONDS | --sub NAME`: revokes a credential for every service at
 * once, in the Redis they share (REDIS_URL, default redis://127.0.0.1:6379; under REDIS_NAMESPACE, default civic,
 * as the services have it). `--token` revokes that token (by its `jti`, until its `exp`; a token without `jti`
 * revokes its subject instead); `--sub` revokes every token of a subject issued until now (a new token issued a
 * second later works). For operators with access to Redis; works in production too. See docs/security.md.
 */
import { RedisRevocationStore, Revocations } from '@civic/auth';
import { decodeJwt } from 'jose';
import { createClient } from 'redis';
import { readCli } from '../cli/cli-args';

export const REVOKE_USAGE =
  'usage: npm run revoke -- --token JWT | --jti ID --exp SECONDS_SINCE_EPOCH | --sub NAME\n' +
  '  revokes a token (by its jti, until it expires) or every token of a subject issued until now, for every service\n' +
  '  (REDIS_URL, default redis://127.0.0.1:6379; REDIS_NAMESPACE, default civic, as the services have it).';

export type RevokeArgs = { tokenId: string; expiresAt: number } | { subject: string };

/** Parses argv (without node and script); returns what to revoke, `help`, or a usage error message. */
export function parseRevokeArgs(argv: readonly string[]): RevokeArgs | { help: true } | { error: string } {
  const read = readCli(argv, { values: ['token', 'jti', 'exp', 'sub'] });
  if (!read.ok) return { error: read.error };
  if (read.help) return { help: true };
  const flags = new Map(Object.entries(read.values).map(([name, value]) => [`--${name}`, value]));
  const given = ['--token', '--jti', '--sub'].filter((f) => flags.has(f));
  if (given.length !== 1) return { error: 'give exactly one of --token, --jti (with --exp) and --sub' };
  if (flags.has('--sub')) return { subject: flags.get('--sub')! };
  if (flags.has('--jti')) {
    const expiresAt = Number(flags.get('--exp'));
    if (!Number.isInteger(expiresAt) || expiresAt <= 0) return { error: '--jti needs --exp, the token expiry in seconds since the epoch' };
    return { tokenId: flags.get('--jti')!, expiresAt };
  }
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(flags.get('--token')!);
  } catch {
    return { error: '--token is not a JWT' };
  }
  if (typeof claims.jti === 'string' && typeof claims.exp === 'number') return { tokenId: claims.jti, expiresAt: claims.exp };
  if (typeof claims.sub === 'string' && claims.sub) return { subject: claims.sub };
  return { error: 'the token has neither jti and exp nor a subject to revoke' };
}

/** Runs the command; resolves with the exit status. */
export async function runRevoke(argv: readonly string[], env: NodeJS.ProcessEnv, io: { out(s: string): void; err(s: string): void }): Promise<number> {
  const parsed = parseRevokeArgs(argv);
  if ('help' in parsed) {
    io.out(REVOKE_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.err(`revoke: ${parsed.error}`);
    io.err(REVOKE_USAGE);
    return 2;
  }
  const client = createClient({ url: env.REDIS_URL || 'redis://127.0.0.1:6379', socket: { connectTimeout: 5000, reconnectStrategy: false } });
  try {
    await client.connect();
    const revocations = new Revocations(new RedisRevocationStore(client, env.REDIS_NAMESPACE || 'civic'));
    if ('subject' in parsed) {
      await revocations.revokeSubject(parsed.subject);
      io.out(`revoked every token of subject ${parsed.subject} issued until now`);
    } else {
      await revocations.revokeToken(parsed.tokenId, parsed.expiresAt);
      io.out(`revoked token ${parsed.tokenId} (until ${new Date(parsed.expiresAt * 1000).toISOString()})`);
    }
    return 0;
  } catch (e) {
    io.err(`revoke: ${(e as Error).message}`);
    return 1;
  } finally {
    if (client.isOpen) await client.close().catch(() => undefined);
  }
}

if (require.main === module) {
  void runRevoke(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  }).then((code) => (process.exitCode = code));
}
