/** Nest injection tokens of the console. */
export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');
/** The OpenID Connect client (OidcSignIn), when an issuer is configured. */
export const OIDC_SIGN_IN = Symbol('OIDC_SIGN_IN');
