// Server-side sessions and sign-in attempts in Postgres (admin schema). The browser holds only
// a random id; the table holds its SHA-256. Ids rotate at sign-in (a new row: a session id from
// before sign-in can never become a signed-in one) and periodically afterwards.
import { createHash, randomBytes } from "node:crypto";
import type { Sql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";
import * as authDb from "../db/auth.queries.ts";

export interface SessionPolicy {
  idleSeconds: number;
  absoluteSeconds: number;
  rotateSeconds: number;
  /** How long the id before a rotation still works (requests already in flight). */
  rotationGraceSeconds: number;
  loginAttemptSeconds: number;
}

export interface NewSession {
  issuer: string;
  subject: string;
  email: string;
  name: string;
  claimValues: string[];
  userAgent: string;
  clientIp: string;
}

export interface Session {
  idHash: Buffer;
  issuer: string;
  subject: string;
  email: string;
  name: string;
  claimValues: string[];
  csrfToken: string;
  createdAt: Date;
  rotatedAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  expiresAt: Date;
}

export interface LoginAttempt {
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** Minimum time between two writes of last_seen_at for one session. */
const TOUCH_INTERVAL_MS = 30_000;

export const hashId = (id: string): Buffer => createHash("sha256").update(id).digest();
export const newId = (): string => randomBytes(32).toString("base64url");

/** A path on this site only: no scheme, no host, no protocol-relative or backslash tricks. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || value.length > 2048 || !/^\/([^/\\]|$)/.test(value) || /[\u0000-\u001f]/.test(value)) return "/";
  return value;
}

export class SessionStore {
  constructor(
    private readonly sql: Sql,
    readonly policy: SessionPolicy,
  ) {}

  async saveLoginAttempt(state: string, attempt: LoginAttempt): Promise<void> {
    await authDb.insertLoginAttempt.run(
      {
        stateHash: hashId(state),
        nonce: attempt.nonce,
        codeVerifier: attempt.codeVerifier,
        returnTo: safeReturnTo(attempt.returnTo),
        expiresAt: new Date(Date.now() + this.policy.loginAttemptSeconds * 1000),
      },
      pgtyped(this.sql),
    );
  }

  /** Single use: the attempt is deleted whether or not it is still valid. */
  async takeLoginAttempt(state: string): Promise<LoginAttempt | null> {
    const [row] = await authDb.takeLoginAttempt.run({ stateHash: hashId(state) }, pgtyped(this.sql));
    if (!row?.live) return null;
    return { nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to };
  }

  async create(s: NewSession): Promise<{ id: string; session: Session }> {
    const id = newId();
    const csrfToken = randomBytes(32).toString("base64url");
    const now = Date.now();
    const expiresAt = new Date(now + this.policy.absoluteSeconds * 1000);
    const idleExpiresAt = new Date(Math.min(now + this.policy.idleSeconds * 1000, expiresAt.getTime()));
    const [row] = await authDb.insertSession.run(
      {
        idHash: hashId(id),
        issuer: s.issuer,
        subject: s.subject,
        email: s.email,
        name: s.name,
        claimValues: s.claimValues,
        csrfToken,
        userAgent: s.userAgent.slice(0, 512),
        clientIp: s.clientIp,
        idleExpiresAt,
        expiresAt,
      },
      pgtyped(this.sql),
    );
    return {
      id,
      session: { idHash: hashId(id), ...s, csrfToken, createdAt: row!.created_at, rotatedAt: row!.created_at, lastSeenAt: row!.created_at, idleExpiresAt: row!.idle_expires_at, expiresAt: row!.expires_at },
    };
  }

  /**
   * The live session for a cookie's id, its idle expiry moved forward; and a new id when it is
   * due for rotation (the caller sets the new cookie).
   */
  async resume(id: string): Promise<{ session: Session; rotatedId?: string } | null> {
    const db = pgtyped(this.sql);
    const [row] = await authDb.findSession.run({ idHash: hashId(id), graceSeconds: this.policy.rotationGraceSeconds }, db);
    if (!row) return null;
    const session: Session = {
      idHash: row.id_hash,
      issuer: row.issuer,
      subject: row.subject,
      email: row.email,
      name: row.name,
      claimValues: row.claim_values,
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      rotatedAt: row.rotated_at,
      lastSeenAt: row.last_seen_at,
      idleExpiresAt: row.idle_expires_at,
      expiresAt: row.expires_at,
    };
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      const [touched] = await authDb.touchSession.run({ idHash: session.idHash, idleSeconds: this.policy.idleSeconds }, db);
      if (touched) session.idleExpiresAt = touched.idle_expires_at;
    }
    // Only the current id rotates; a request with the previous id (in its grace) just passes.
    if (row.current && Date.now() - session.rotatedAt.getTime() > this.policy.rotateSeconds * 1000) {
      const rotatedId = newId();
      const [rotated] = await authDb.rotateSession.run({ idHash: session.idHash, newIdHash: hashId(rotatedId) }, db);
      if (rotated) return { session: { ...session, idHash: hashId(rotatedId), rotatedAt: rotated.rotated_at }, rotatedId };
    }
    return { session };
  }

  /** Ends a session (by its current or previous id); true when there was one. */
  async destroy(id: string): Promise<boolean> {
    const rows = await authDb.deleteSession.run({ idHash: hashId(id) }, pgtyped(this.sql));
    return rows.length > 0;
  }

  async prune(): Promise<{ sessions: bigint; attempts: bigint }> {
    const [row] = await authDb.pruneExpired.run(undefined, pgtyped(this.sql));
    return { sessions: row!.sessions, attempts: row!.attempts };
  }

  async count(): Promise<bigint> {
    const [row] = await authDb.countSessions.run(undefined, pgtyped(this.sql));
    return row!.sessions;
  }
}
