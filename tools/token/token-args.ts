/**
 * Command-line arguments of the development token tool (tools/token/token.ts).
 */
import { isRole, parseTtl, Role } from '@civic/auth';
import { isKnownUniversity, UNIVERSITIES } from '@civic/catalogue';

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
  let role: string | undefined;
  let university: string | undefined;
  let ttl = '1h';
  let subject: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string | undefined => {
      const v = argv[i + 1];
      i++;
      return v === undefined || v.startsWith('--') ? undefined : v;
    };
    switch (arg) {
      case '--role':
        role = value();
        break;
      case '--university':
        university = value();
        if (university === undefined) return { error: '--university needs a university id' };
        break;
      case '--ttl':
        ttl = value() ?? '';
        break;
      case '--sub':
        subject = value();
        if (!subject) return { error: '--sub needs a name' };
        break;
      case '--help':
      case '-h':
        return { help: true };
      default:
        return { error: `unknown argument ${arg}` };
    }
  }
  if (!isRole(role)) return { error: `--role must be admin, coordinator or service, got ${role ?? 'nothing'}` };
  if (role === 'coordinator' && !university) return { error: 'a coordinator token needs --university' };
  if (role !== 'coordinator' && university) return { error: '--university is for coordinator tokens only' };
  if (university && !isKnownUniversity(university)) return { error: `unknown university ${university}` };
  const ttlSeconds = parseTtl(ttl);
  if (!ttlSeconds) return { error: `--ttl must look like 90s, 15m, 1h or 7d, got ${ttl || 'nothing'}` };
  return { role, university, ttlSeconds, subject };
}
