import { Issuer, generators, type BaseClient } from 'openid-client';
import { isRole } from '@civic/auth';
import type { OidcSettings } from '../config/console.config';
import type { TokenRefresher } from '../session/session.middleware';
import type { ConsoleUser, PendingSignIn } from '../session/session.store';

/** What a completed sign-in gives the session. */
export interface SignedIn {
  user: ConsoleUser;
  accessToken: string;
  idToken?: string;
  /** When the provider gives one (scope offline_access): the session renews its access token with it. */
  refreshToken?: string;
  expiresAt: number;
}

/**
 * OpenID Connect, authorization code flow with PKCE (S256), state and nonce, through openid-client. The access token
 * is what the services verify (their AUTH_ISSUER and AUTH_JWKS_URL name the same provider); the ID token, which
 * openid-client verifies, says who signed in and with which role and university.
 */
export class OidcSignIn implements TokenRefresher {
  private client?: Promise<BaseClient>;

  constructor(
    private readonly settings: OidcSettings,
    private readonly redirectUri: string,
    private readonly postSignOutUri: string,
  ) {}

  /** The provider's client, discovered once (retried on the next sign-in when discovery failed). */
  private async getClient(): Promise<BaseClient> {
    this.client ??= Issuer.discover(this.settings.issuer).then(
      (issuer) =>
        new issuer.Client({
          client_id: this.settings.clientId,
          client_secret: this.settings.clientSecret,
          token_endpoint_auth_method: this.settings.clientSecret ? 'client_secret_basic' : 'none',
          redirect_uris: [this.redirectUri],
          post_logout_redirect_uris: [this.postSignOutUri],
          response_types: ['code'],
        }),
    );
    this.client.catch(() => (this.client = undefined));
    return this.client;
  }

  /** Where to send the browser, and what the callback must check. */
  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const client = await this.getClient();
    const pending: PendingSignIn = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier(), startedAt: Date.now() };
    const url = client.authorizationUrl({
      scope: this.settings.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      ...(this.settings.resource ? { resource: this.settings.resource } : {}),
    });
    return { url, pending };
  }

  /** Exchanges the code; throws when the state, nonce, verifier or tokens do not check out. */
  async finish(callbackUrl: string, pending: PendingSignIn): Promise<SignedIn> {
    const client = await this.getClient();
    const params = client.callbackParams(callbackUrl);
    const tokens = await client.callback(
      this.redirectUri,
      params,
      { state: pending.state, nonce: pending.nonce, code_verifier: pending.codeVerifier },
      this.settings.resource ? { exchangeBody: { resource: this.settings.resource } } : undefined,
    );
    if (!tokens.access_token) throw new Error('the provider sent no access token');
    const claims = tokens.claims();
    const role = claims.role;
    if (!isRole(role) || role === 'service') throw new Error(`the account has no console role (role claim ${JSON.stringify(role)})`);
    const university = typeof claims.university === 'string' ? claims.university : undefined;
    if (role === 'coordinator' && !university) throw new Error('a coordinator account must name a university');
    return {
      user: { subject: claims.sub, name: String(claims.name ?? claims.sub), role, ...(role === 'coordinator' ? { universityId: university } : {}) },
      accessToken: tokens.access_token,
      idToken: tokens.id_token,
      refreshToken: tokens.refresh_token,
      expiresAt: tokens.expires_at ?? Math.floor(Date.now() / 1000) + 300,
    };
  }

  /** New tokens for a refresh token (the same resource); throws openid-client's OPError when the provider refuses it. */
  async refresh(refreshToken: string): Promise<{ accessToken: string; refreshToken?: string; idToken?: string; expiresAt: number }> {
    const client = await this.getClient();
    const tokens = await client.refresh(refreshToken, this.settings.resource ? { exchangeBody: { resource: this.settings.resource } } : undefined);
    if (!tokens.access_token) throw new Error('the provider sent no access token');
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      idToken: tokens.id_token,
      expiresAt: tokens.expires_at ?? Math.floor(Date.now() / 1000) + 300,
    };
  }

  /** The provider's end-session address (RP-initiated logout), or undefined when it has none. */
  async endSessionUrl(idToken: string | undefined): Promise<string | undefined> {
    const client = await this.getClient();
    if (!client.issuer.metadata.end_session_endpoint) return undefined;
    return client.endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: this.postSignOutUri });
  }
}
