// Who is calling: a browser session (cookie) or a script's bearer access token (JWT from the
// same provider). Either way the grants (a role per ledger) come from the claim values and the
// current mappings.
import type { JWTPayload } from "jose";
import type { RoleDirectory } from "../authz/roles.ts";
import { type Grants, highestRole, type Role } from "../authz/policy.ts";
import { readCookie } from "./cookies.ts";
import { AuthError, type OidcClient } from "./oidc.ts";
import type { Session, SessionStore } from "./sessions.ts";

export interface Principal {
  subject: string;
  email: string;
  name: string;
  issuer: string;
  /** Ledger (or "*") → the role held on it. */
  grants: Grants;
  /** The highest role held on any ledger (what the audit log records for platform actions). */
  role: Role | null;
  authentication: "session" | "bearer";
  /** Rate-limit bucket: one per session, one per token subject. */
  key: string;
  session?: Session;
  /** Set when the session id was rotated by this request: the new cookie value. */
  rotatedId?: string;
  tokenExpiresAt?: Date;
}

const CLAIM_VALUES_MAX = 200;
const CLAIM_VALUE_LENGTH_MAX = 255;

/** The values of the role claim, bounded; a string or an array of strings. */
export function claimValues(claims: JWTPayload, claim: string): string[] {
  const raw = claims[claim];
  const list = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw : [];
  return list.filter((v): v is string => typeof v === "string" && v.length > 0 && v.length <= CLAIM_VALUE_LENGTH_MAX).slice(0, CLAIM_VALUES_MAX);
}

export class Authenticator {
  constructor(
    private readonly oidc: OidcClient,
    private readonly sessions: SessionStore,
    private readonly roles: RoleDirectory,
    private readonly sessionCookie: string,
  ) {}

  /** Null when the request carries no credentials; throws AuthError when it carries bad ones. */
  async authenticate(headers: Headers): Promise<Principal | null> {
    const authorization = headers.get("authorization");
    if (authorization !== null) {
      const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization);
      if (!match) throw new AuthError("the authorization header must be 'Bearer <token>'", "malformed");
      return this.fromToken(match[1]!);
    }
    const id = readCookie(headers.get("cookie"), this.sessionCookie);
    if (!id) return null;
    const resumed = await this.sessions.resume(id);
    if (!resumed) throw new AuthError("the session has ended; sign in again", "session_ended");
    const s = resumed.session;
    const grants = await this.roles.grantsFor(s.claimValues);
    return {
      subject: s.subject,
      email: s.email,
      name: s.name,
      issuer: s.issuer,
      grants,
      role: highestRole(grants),
      authentication: "session",
      key: `session:${s.idHash.toString("hex").slice(0, 32)}`,
      session: s,
      rotatedId: resumed.rotatedId,
    };
  }

  private async fromToken(token: string): Promise<Principal> {
    const claims = await this.oidc.verifyAccessToken(token);
    const subject = String(claims.sub);
    const grants = await this.roles.grantsFor(claimValues(claims, this.roles.claim));
    return {
      subject,
      email: typeof claims.email === "string" ? claims.email : "",
      name: typeof claims.client_id === "string" ? claims.client_id : "",
      issuer: String(claims.iss),
      grants,
      role: highestRole(grants),
      authentication: "bearer",
      key: `bearer:${subject}`,
      tokenExpiresAt: claims.exp ? new Date(claims.exp * 1000) : undefined,
    };
  }
}
