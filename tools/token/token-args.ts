/**
 * Command-line arguments of the development token tool (tools/token/token.ts).
 */
import { isRole, parseTtl, Role } from '@civic/auth';
import { isKnownUniversity, UNIVERSITIES } from '@civic/catalogue';
import { readCli } from '../cli/cli-args';

export interface TokenArgs {
  role: Role;
  university?: string;
  ttlSeconds: number;
  subject?: string;
}

export const TOKEN_USAGE =
  'usage: npm run token -- --role admin|coordinator|service [--university ID] [--ttl 1h] [--sub NAME]\n' +
  '  prints an HS256 development token for the services outside production (AUTH_HS256_SECRET, AUTH_ISSUER and\n' +
  '  AUTH_AUDIENCE are read from the environment, as the services read them). --university is required for a\n' +
  `  coordinator: ${UNIVERSITIES.map((u) => u.id).join(', ')}. --ttl takes 90s, 15m, 1h, 7d (default 1h).`;

/** Parses argv (without node and script); returns the arguments, `help`, or a usage error message. */
export function parseTokenArgs(argv: readonly string[]): TokenArgs | { help: true } | { error: string } {
  const read = readCli(argv, { values: ['role', 'university', 'ttl', 'sub'] });
  if (!read.ok) return { error: read.error };
  if (read.help) return { help: true };
  const { role, university, ttl = '1h', sub: subject } = read.values;
  if (!isRole(role)) return { error: `--role must be admin, coordinator or service, got ${role ?? 'nothing'}` };
  if (role === 'coordinator' && !university) return { error: 'a coordinator token needs --university' };
  if (role !== 'coordinator' && university) return { error: '--university is for coordinator tokens only' };
  if (university && !isKnownUniversity(university)) return { error: `unknown university ${university}` };
  const ttlSeconds = parseTtl(ttl);
  if (!ttlSeconds) return { error: `--ttl must look like 90s, 15m, 1h or 7d, got ${ttl || 'nothing'}` };
  return { role, university, ttlSeconds, subject };
}
