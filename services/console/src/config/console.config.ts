import { resolve } from 'node:path';
import { DEVELOPMENT_AUTH } from '@civic/auth';

/** The upstream services the console calls with the signed-in user's token. */
export const UPSTREAMS = ['registry', 'experts', 'matching', 'reporting', 'notifications'] as const;
export type Upstream = (typeof UPSTREAMS)[number];

/** OpenID Connect client settings (authorization code with PKCE). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Absent for a public client: PKCE alone then protects the code. */
  clientSecret?: string;
  scope: string;
  /** A resource indicator (RFC 8707) sent with the authorization and token requests, when the provider wants one. */
  resource?: string;
}

/** Everything the console reads from its environment, checked once at start-up. */
export interface ConsoleConfig {
  production: boolean;
  host: string;
  port: number;
  /** The address people use (the OIDC redirect and the cookie's Secure flag derive from it). */
  publicUrl: string;
  upstreams: Record<Upstream, string>;
  /** Null outside production when no issuer is set: the development sign-in page is offered instead. */
  oidc: OidcSettings | null;
  /** What the development sign-in signs its tokens with (the services' development settings). */
  development: { secret: string; issuer: string; audience: string } | null;
  /** The built front end (index.html and assets). */
  webDir: string;
  /** Idle sessions end after this many seconds (and when the token expires, unless it can be refreshed). */
  sessionIdleSeconds: number;
  /** Where sessions are kept (so a restart of the console signs nobody out), and the namespace of their keys. */
  redis: { url: string; namespace: string };
}

const ENV_OF_UPSTREAM: Record<Upstream, [string, number]> = {
  registry: ['CIVIC_REGISTRY_URL', 1],
  experts: ['CIVIC_EXPERT_POOL_URL', 2],
  matching: ['CIVIC_MATCHING_URL', 3],
  reporting: ['CIVIC_REPORTING_URL', 4],
  notifications: ['CIVIC_NOTIFICATIONS_URL', 5],
};

/** Reads and checks the settings; `problems` lists each bad setting by name (never printing a secret). */
export function readConsoleConfig(env: NodeJS.ProcessEnv): { config?: ConsoleConfig; problems: string[] } {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) problems.push(`PORT = ${JSON.stringify(env.PORT)}: must be an integer 1..65535`);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.CONSOLE_PUBLIC_URL || `http://127.0.0.1:${port}`).replace(/\/$/, '');
  if (!isUrl(publicUrl)) problems.push(`CONSOLE_PUBLIC_URL = ${JSON.stringify(publicUrl)}: must be a URL`);
  const portBase = Number(env.CIVIC_PORT_BASE || 3000);
  const upstreams = {} as Record<Upstream, string>;
  for (const name of UPSTREAMS) {
    const [variable, offset] = ENV_OF_UPSTREAM[name];
    const url = (env[variable] || `http://127.0.0.1:${portBase + offset}`).replace(/\/$/, '');
    if (!isUrl(url)) problems.push(`${variable} = ${JSON.stringify(url)}: must be a URL`);
    upstreams[name] = url;
  }

  let oidc: OidcSettings | null = null;
  if (env.OIDC_ISSUER) {
    if (!isUrl(env.OIDC_ISSUER)) problems.push(`OIDC_ISSUER = ${JSON.stringify(env.OIDC_ISSUER)}: must be a URL`);
    else if (production && !env.OIDC_ISSUER.startsWith('https:')) problems.push('OIDC_ISSUER must use https in production');
    if (!env.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID is missing: the console needs its client id at the issuer');
    oidc = {
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID ?? '',
      clientSecret: env.OIDC_CLIENT_SECRET || undefined,
      scope: env.OIDC_SCOPE || 'openid profile',
      resource: env.OIDC_RESOURCE || undefined,
    };
  } else if (production) {
    problems.push('OIDC_ISSUER is missing: production signs people in through the identity provider (the development sign-in page does not exist there)');
  }
  if (production && !publicUrl.startsWith('https:')) problems.push('CONSOLE_PUBLIC_URL must use https in production (the session cookie is Secure)');
  if (production && env.AUTH_HS256_SECRET) problems.push('AUTH_HS256_SECRET = "<hidden>": refused in production (no development tokens)');
  const secret = env.AUTH_HS256_SECRET || DEVELOPMENT_AUTH.secret;
  if (!production && secret.length < 32) problems.push('AUTH_HS256_SECRET = "<hidden>": must have at least 32 characters');
  const idle = Number(env.CONSOLE_SESSION_IDLE_SECONDS ?? 8 * 3600);
  if (!Number.isInteger(idle) || idle < 60) problems.push(`CONSOLE_SESSION_IDLE_SECONDS = ${JSON.stringify(env.CONSOLE_SESSION_IDLE_SECONDS)}: an integer of at least 60`);
  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\/./.test(redisUrl)) problems.push(`REDIS_URL = ${JSON.stringify(redisUrl.replace(/\/\/[^@/]*@/, '//<hidden>@'))}: must be a redis:// or rediss:// URL`);
  const namespace = env.REDIS_NAMESPACE || 'civic';
  // The services' rule (libs/platform's REDIS_NAMESPACE), so one setting serves the whole deployment.
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(namespace)) problems.push(`REDIS_NAMESPACE = ${JSON.stringify(namespace)}: 1 to 64 letters, digits, dot, dash and underscore only`);
  if (problems.length) return { problems };
  return {
    problems,
    config: {
      production,
      host,
      port,
      publicUrl,
      upstreams,
      oidc,
      development: production || oidc ? null : { secret, issuer: env.AUTH_ISSUER || DEVELOPMENT_AUTH.issuer, audience: env.AUTH_AUDIENCE || DEVELOPMENT_AUTH.audience },
      webDir: resolve(env.CONSOLE_WEB_DIR || resolve(__dirname, '../../../../console-web')),
      sessionIdleSeconds: idle,
      redis: { url: redisUrl, namespace },
    },
  };
}

function isUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}
