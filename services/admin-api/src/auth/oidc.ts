// The OpenID Connect relying party: provider discovery, the authorization code flow with PKCE
// (S256) through arctic, and verification of ID tokens and bearer access tokens against the
// provider's JWKS (signature, algorithm allow-list, iss, aud, exp/nbf, nonce).
import { CodeChallengeMethod, OAuth2Client, OAuth2RequestError, generateCodeVerifier, generateState } from "arctic";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { randomBytes } from "node:crypto";

/** Asymmetric algorithms only: `none` and HMAC (a public key used as a shared secret) never pass. */
export const ALLOWED_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
const DISCOVERY_TIMEOUT_MS = 5_000;

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  redirectUri: string;
  scopes: string[];
  /** Audience bearer access tokens must carry. */
  audience: string;
  clockToleranceSeconds: number;
}

export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

export interface LoginStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Why a sign-in or a token was refused; the message is safe to show. */
export class AuthError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

export class OidcClient {
  private discovery?: Discovery;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly oauth: OAuth2Client;

  constructor(readonly config: OidcConfig) {
    this.oauth = new OAuth2Client(config.clientId, config.clientSecret, config.redirectUri);
  }

  /** Fetches (once) the provider's metadata; its issuer must be exactly the configured one. */
  async discover(): Promise<Discovery> {
    if (this.discovery) return this.discovery;
    const url = `${this.config.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    const res = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`OpenID discovery at ${url} answered ${res.status}`);
    const d = (await res.json()) as Discovery;
    if (d.issuer !== this.config.issuer) throw new Error(`OpenID discovery: issuer ${JSON.stringify(d.issuer)} is not the configured ${JSON.stringify(this.config.issuer)}`);
    for (const field of ["authorization_endpoint", "token_endpoint", "jwks_uri"] as const) {
      if (typeof d[field] !== "string") throw new Error(`OpenID discovery: ${field} is missing`);
    }
    this.jwks = createRemoteJWKSet(new URL(d.jwks_uri), { timeoutDuration: DISCOVERY_TIMEOUT_MS, cooldownDuration: 30_000 });
    this.discovery = d;
    return d;
  }

  async beginLogin(): Promise<LoginStart> {
    const d = await this.discover();
    const state = generateState();
    const codeVerifier = generateCodeVerifier();
    const nonce = randomBytes(24).toString("base64url");
    const url = this.oauth.createAuthorizationURLWithPKCE(d.authorization_endpoint, state, CodeChallengeMethod.S256, codeVerifier, this.config.scopes);
    url.searchParams.set("nonce", nonce);
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code (once: a replayed code is refused by the provider) and verifies the ID token. */
  async finishLogin(code: string, codeVerifier: string, nonce: string): Promise<JWTPayload> {
    const d = await this.discover();
    let idToken: string;
    try {
      const tokens = await this.oauth.validateAuthorizationCode(d.token_endpoint, code, codeVerifier);
      idToken = tokens.idToken();
    } catch (error) {
      if (error instanceof OAuth2RequestError) throw new AuthError(`the provider refused the sign-in (${error.code})`, "code_refused");
      throw new AuthError(`the provider's token endpoint failed: ${(error as Error).message}`, "token_endpoint");
    }
    return this.verifyIdToken(idToken, nonce);
  }

  async verifyIdToken(token: string, nonce: string): Promise<JWTPayload> {
    const claims = await this.verify(token, this.config.clientId);
    if (typeof claims.nonce !== "string" || claims.nonce !== nonce) throw new AuthError("the ID token's nonce does not match this sign-in", "nonce");
    // With several audiences the token must have been issued to us (OpenID Connect Core 3.1.3.7).
    if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== this.config.clientId) throw new AuthError("the ID token was issued to another client", "azp");
    return claims;
  }

  /** A bearer access token from a script or service: a JWT for this API's audience. */
  async verifyAccessToken(token: string): Promise<JWTPayload> {
    return this.verify(token, this.config.audience);
  }

  private async verify(token: string, audience: string): Promise<JWTPayload> {
    await this.discover();
    try {
      const { payload } = await jwtVerify(token, this.jwks!, {
        issuer: this.config.issuer,
        audience,
        algorithms: ALLOWED_ALGORITHMS,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ["sub", "exp", "iat"],
      });
      return payload;
    } catch (error) {
      throw new AuthError(`token refused: ${describeJoseError(error)}`, error instanceof joseErrors.JOSEError ? error.code : "invalid");
    }
  }

  /** Where to send the browser after a local sign-out (RP-initiated logout), if the provider has it. */
  async logoutUrl(postLogoutRedirectUri: string): Promise<string | null> {
    const d = await this.discover().catch(() => undefined);
    if (!d?.end_session_endpoint) return null;
    const url = new URL(d.end_session_endpoint);
    url.searchParams.set("client_id", this.config.clientId);
    url.searchParams.set("post_logout_redirect_uri", postLogoutRedirectUri);
    return url.toString();
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "expired";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim ${error.claim} is not acceptable`;
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "signed by a key the provider does not publish";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "signature algorithm not allowed";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "signature does not verify";
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return "malformed token";
  return (error as Error).message;
}
