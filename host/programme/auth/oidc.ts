/**
 * Sign-in with OpenID Connect against the organisation's provider, through `openid-client`
 * (panva's certified relying-party library): authorization code flow with PKCE (S256), state and
 * nonce checked, the ID token's signature, issuer, audience and expiry verified by the library.
 * No JWT is handled by hand here.
 *
 * Configuration (server-command.ts): issuer URL, client id and secret, and the redirect URL the
 * provider sends the browser back to (`…/sign-in/oidc/callback` on this server, as registered at
 * the provider). The provider's metadata is discovered on the first sign-in, not at start, so the
 * server starts while the provider is down.
 */
import * as client from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  redirectUrl: string;
  /** Shown on the sign-in button ("Sign in with …"). */
  label?: string | undefined;
}

export const CALLBACK_PATH = '/sign-in/oidc/callback';

/** Reads the settings from the environment; null when OIDC is not configured, an error when half of it is. */
export function oidcSettingsFrom(
  env: NodeJS.ProcessEnv,
  flags: Partial<Record<'oidc-issuer' | 'oidc-client-id' | 'oidc-redirect-url', string>> = {},
): OidcSettings | null {
  const issuer = flags['oidc-issuer'] ?? env.FIREBREAK_OIDC_ISSUER;
  const clientId = flags['oidc-client-id'] ?? env.FIREBREAK_OIDC_CLIENT_ID;
  const redirectUrl = flags['oidc-redirect-url'] ?? env.FIREBREAK_OIDC_REDIRECT_URL;
  const clientSecret = env.FIREBREAK_OIDC_CLIENT_SECRET;
  if (!issuer && !clientId && !redirectUrl) return null;
  const missing = [
    !issuer && 'FIREBREAK_OIDC_ISSUER (--oidc-issuer)',
    !clientId && 'FIREBREAK_OIDC_CLIENT_ID (--oidc-client-id)',
    !redirectUrl && 'FIREBREAK_OIDC_REDIRECT_URL (--oidc-redirect-url)',
  ].filter(Boolean);
  if (missing.length) throw new Error(`OpenID Connect is half configured: set ${missing.join(' and ')} too`);
  for (const [name, value] of [
    ['issuer', issuer!],
    ['redirect URL', redirectUrl!],
  ] as const) {
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      throw new Error(`the OpenID Connect ${name} "${value}" is not a URL`);
    }
    if (u.protocol !== 'https:' && !isLoopback(u)) throw new Error(`the OpenID Connect ${name} must be https (or on this machine): ${value}`);
  }
  if (new URL(redirectUrl!).pathname !== CALLBACK_PATH) throw new Error(`the OpenID Connect redirect URL must end in ${CALLBACK_PATH}: ${redirectUrl}`);
  return { issuer: issuer!, clientId: clientId!, clientSecret, redirectUrl: redirectUrl!, label: env.FIREBREAK_OIDC_LABEL };
}

function isLoopback(u: URL): boolean {
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}

export interface StartedSignIn {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SignedInIdentity {
  issuer: string;
  subject: string;
  email?: string | undefined;
  emailVerified?: boolean | undefined;
  name?: string | undefined;
}

/** One provider: discovery (cached), the authorization URL, and the code exchange. */
export class OidcRelyingParty {
  private config: Promise<client.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {}

  private configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const issuer = new URL(this.settings.issuer);
      const auth = this.settings.clientSecret ? client.ClientSecretPost(this.settings.clientSecret) : client.None();
      this.config = client.discovery(
        issuer,
        this.settings.clientId,
        this.settings.clientSecret ? { client_secret: this.settings.clientSecret } : undefined,
        auth,
        // Plain http only for a provider on this machine (a test's, a developer's).
        isLoopback(issuer) && issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      );
      this.config.catch(() => (this.config = null)); // a provider that was down is asked again next time
    }
    return this.config;
  }

  async start(): Promise<StartedSignIn> {
    const config = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the code the provider sent back (with the query string of the callback) and
   * returns the verified identity. Throws when the state, nonce, PKCE or ID token do not check.
   */
  async finish(callbackQuery: string, expected: { state: string; nonce: string; codeVerifier: string }): Promise<SignedInIdentity> {
    const config = await this.configuration();
    const current = new URL(this.settings.redirectUrl);
    current.search = callbackQuery;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider sent no ID token');
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    let more: Record<string, unknown> = claims;
    // Providers that keep profile claims out of the ID token (as OIDC Core allows) give them at
    // the UserInfo endpoint; its subject must be the ID token's (checked by the library).
    if (claims.email === undefined && tokens.access_token) more = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: str(more.email),
      emailVerified: more.email_verified === true,
      name: str(more.name),
    };
  }
}
