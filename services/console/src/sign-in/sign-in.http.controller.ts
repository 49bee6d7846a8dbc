import { Body, Controller, Get, Inject, Logger, NotFoundException, Optional, Post, Query, Req, Res } from '@nestjs/common';
import { UNIVERSITIES, isKnownUniversity } from '@civic/catalogue';
import { signDevelopmentToken } from '@civic/auth';
import type { Response } from 'express';
import { CONSOLE_CONFIG, OIDC_SIGN_IN } from '../config/console.tokens';
import type { ConsoleConfig } from '../config/console.config';
import type { ConsoleRequest } from '../session/session.middleware';
import { SessionStore, sessionCookie } from '../session/session.store';
import { errorBody } from '../api/error-body';
import { OidcSignIn } from './oidc.sign-in';
import { developmentSignInPage } from './development-sign-in.page';

/** A development session lasts as long as its token. */
const DEVELOPMENT_TOKEN_SECONDS = 8 * 3600;

/** Sign-in (the identity provider, or the development page outside production), the callback, sign-out, and who is signed in. */
@Controller()
export class SignInHttpController {
  private readonly logger = new Logger('SignIn');

  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly store: SessionStore,
    /** Absent with the development sign-in. */
    @Optional() @Inject(OIDC_SIGN_IN) private readonly oidc?: OidcSignIn,
  ) {}

  /** Who is signed in, the CSRF token the front end sends back, and how people sign in here. */
  @Get('api/session')
  session(@Req() req: ConsoleRequest): Record<string, unknown> {
    const s = req.session;
    return { user: s.user ?? null, csrfToken: s.csrf, signIn: this.oidc ? 'oidc' : 'development', expiresAt: s.expiresAt ?? null };
  }

  @Get('auth/sign-in')
  async signIn(@Req() req: ConsoleRequest, @Res() res: Response): Promise<void> {
    if (this.oidc) {
      try {
        const { url, pending } = await this.oidc.start();
        req.session.pending = pending;
        await this.store.save(req.session);
        res.redirect(302, url);
      } catch (e) {
        this.logger.warn(`the identity provider cannot be reached: ${(e as Error).message}`);
        res.status(503).json(errorBody(503, 'service_unavailable', 'the identity provider does not answer now; try again shortly'));
      }
      return;
    }
    if (!this.config.development) throw new NotFoundException();
    res.type('html').send(developmentSignInPage(req.session.csrf));
  }

  /** Development only: signs a token for the chosen kind of user with the services' development settings. */
  @Post('auth/dev-sign-in')
  async developmentSignIn(@Req() req: ConsoleRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const dev = this.config.development;
    if (!dev) throw new NotFoundException();
    const role = body.role;
    const university = typeof body.university === 'string' ? body.university : '';
    if (role !== 'admin' && role !== 'coordinator') {
      res.status(400).json(errorBody(400, 'validation_failed', 'role must be admin or coordinator', [{ field: 'role', rule: 'isIn', message: 'role must be admin or coordinator' }]));
      return;
    }
    if (role === 'coordinator' && !isKnownUniversity(university)) {
      const message = `university must be one of ${UNIVERSITIES.map((u) => u.id).join(', ')}`;
      res.status(400).json(errorBody(400, 'validation_failed', message, [{ field: 'university', rule: 'isIn', message }]));
      return;
    }
    const subject = role === 'admin' ? 'dev-admin' : `dev-coordinator-${university}`;
    const token = await signDevelopmentToken({
      role,
      universityId: role === 'coordinator' ? university : undefined,
      subject,
      ttlSeconds: DEVELOPMENT_TOKEN_SECONDS,
      secret: dev.secret,
      issuer: dev.issuer,
      audience: dev.audience,
    });
    const uni = UNIVERSITIES.find((u) => u.id === university);
    const session = await this.store.rotate(req.session, {
      user: { subject, name: role === 'admin' ? '管理员 (development)' : `${uni?.zh} 协调人 (development)`, role, ...(role === 'coordinator' ? { universityId: university } : {}) },
      accessToken: token,
      expiresAt: Math.floor(Date.now() / 1000) + DEVELOPMENT_TOKEN_SECONDS,
    });
    res.append('set-cookie', sessionCookie(session.id, this.config.publicUrl.startsWith('https:'), this.config.sessionIdleSeconds));
    res.redirect(303, '/');
  }

  @Get('auth/callback')
  async callback(@Req() req: ConsoleRequest, @Res() res: Response, @Query('error') error?: string): Promise<void> {
    const pending = req.session.pending;
    if (!this.oidc || !pending || error) {
      res.status(400).type('text').send(error ? `sign-in refused by the identity provider: ${error}` : 'no sign-in is under way in this browser: start again at /auth/sign-in');
      return;
    }
    try {
      const signedIn = await this.oidc.finish(`${this.config.publicUrl}${req.originalUrl}`, pending);
      const session = await this.store.rotate(req.session, {
        user: signedIn.user,
        accessToken: signedIn.accessToken,
        idToken: signedIn.idToken,
        refreshToken: signedIn.refreshToken,
        expiresAt: signedIn.expiresAt,
      });
      res.append('set-cookie', sessionCookie(session.id, this.config.publicUrl.startsWith('https:'), this.config.sessionIdleSeconds));
      res.redirect(303, '/');
    } catch (e) {
      this.logger.warn(`sign-in failed: ${(e as Error).message}`);
      res.status(400).type('text').send(`sign-in failed: ${(e as Error).message}`);
    }
  }

  /** Ends the console's session; answers where to go next (the provider's end-session page when it has one). */
  @Post('auth/sign-out')
  async signOut(@Req() req: ConsoleRequest): Promise<{ redirect: string }> {
    const idToken = req.session.idToken;
    await this.store.destroy(req.session.id);
    const providerUrl = this.oidc ? await this.oidc.endSessionUrl(idToken).catch(() => undefined) : undefined;
    return { redirect: providerUrl ?? '/signed-out' };
  }
}
