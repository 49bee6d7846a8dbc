import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, text, urlencoded, static as serveStatic, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { createClient } from 'redis';
import { errorBody } from './api/error-body';
import { readConsoleConfig } from './config/console.config';
import { ConsoleModule } from './console.module';
import { sessionMiddleware } from './session/session.middleware';
import { SessionStore } from './session/session.store';
import { OidcSignIn } from './sign-in/oidc.sign-in';

/** Exit status of a refused configuration (as the services: EX_CONFIG). */
const EX_CONFIG = 78;

async function main(): Promise<void> {
  const { config, problems } = readConsoleConfig(process.env);
  if (!config) {
    process.stderr.write(`console: refusing to start:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(EX_CONFIG);
  }
  // Sessions in Redis: a restart (or another replica) keeps everybody signed in. Without the offline queue a request
  // fails at once (503) while Redis is away, instead of waiting for it; the client reconnects on its own.
  const redis = createClient({
    url: config.redis.url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
  });
  let redisDown = false;
  redis.on('error', (e: Error) => {
    if (!redisDown) process.stderr.write(`console: the session store (Redis) does not answer: ${e.message}\n`);
    redisDown = true;
  });
  redis.on('ready', () => (redisDown = false));
  redis.connect().catch(() => undefined);
  const store = new SessionStore(redis, config.redis.namespace, config.sessionIdleSeconds);
  const oidc = config.oidc ? new OidcSignIn(config.oidc, `${config.publicUrl}/auth/callback`, `${config.publicUrl}/signed-out`) : undefined;
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule.forConfig(config, store, oidc), { bodyParser: false, logger: ['error', 'warn'] });
  app.disable('x-powered-by');
  if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // React sets style properties through the DOM (not blocked by CSP); the sign-in page's stylesheet is a file.
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          'base-uri': ["'none'"],
          'object-src': ["'none'"],
        },
      },
      hsts: config.publicUrl.startsWith('https:'),
      // Not no-referrer: under it Chromium sends `Origin: null` with a form's POST, which the CSRF check refuses.
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use(json({ limit: '1mb' }), text({ type: 'text/csv', limit: '20mb' }), urlencoded({ extended: false, limit: '16kb' }));
  // A body the parsers refuse (malformed JSON, too large) gets the one error shape, not express's HTML page.
  app.use((err: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const status = err.status === 413 ? 413 : 400;
    res.status(status).json(errorBody(status, status === 413 ? 'payload_too_large' : 'bad_request', status === 413 ? 'the body is too large' : 'the body cannot be read (malformed JSON or form)'));
  });
  app.use(sessionMiddleware(store, config, oidc));
  // Hashed file names: the browser may keep them for a year.
  app.use('/assets', serveStatic(`${config.webDir}/assets`, { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.use('/sign-in.css', serveStatic(`${config.webDir}/sign-in.css`, { index: false }));
  app.enableShutdownHooks();
  process.once('SIGTERM', () => void redis.close().catch(() => undefined));
  await app.listen(config.port, config.host);
  process.stdout.write(`console: ${config.publicUrl} (sign-in: ${config.oidc ? `OpenID Connect at ${config.oidc.issuer}` : 'development page'})\n`);
}

void main();
