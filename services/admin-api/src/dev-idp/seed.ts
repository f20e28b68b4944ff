// The development provider's seeded users (one per role on every ledger, one limited to two
// ledgers) and clients, and its signing key
// (kept in a data directory when one is given, so sign-ins survive a restart of the platform).
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { DevClient, DevUser } from "./provider.ts";

export const DEV_PASSWORD = "ledgerflow";
export const DEV_SCRIPT_CLIENT = "ledgerflow-scripts";

export function devUsers(password = DEV_PASSWORD): DevUser[] {
  return [
    { email: "viewer@ledgerflow.local", name: "Vera Viewer", password, groups: ["ledgerflow-viewers"] },
    { email: "operator@ledgerflow.local", name: "Oscar Operator", password, groups: ["ledgerflow-operators"] },
    { email: "admin@ledgerflow.local", name: "Ada Admin", password, groups: ["ledgerflow-admins"] },
    // Holds roles on two ledgers only: operator on acme, viewer on globex.
    { email: "tenant@ledgerflow.local", name: "Tess Tenant", password, groups: ["acme-operators", "globex-viewers"] },
  ];
}

/** The dashboard's client and a client-credentials client for scripts (operator role). */
export function devClients(o: { clientId: string; clientSecret: string; publicUrl: string; scriptSecret: string }): DevClient[] {
  return [
    { clientId: o.clientId, clientSecret: o.clientSecret, redirectUris: [`${o.publicUrl}/auth/callback`], postLogoutRedirectUris: [`${o.publicUrl}/`] },
    { clientId: DEV_SCRIPT_CLIENT, clientSecret: o.scriptSecret, groups: ["ledgerflow-operators"] },
  ];
}

export async function signingKey(dataDir?: string): Promise<JWK> {
  const file = dataDir ? path.join(dataDir, "signing-key.json") : undefined;
  if (file && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as JWK;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: `dev-${randomBytes(6).toString("hex")}`, alg: "RS256", use: "sig" };
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}

/** A secret kept beside the key (or fresh per start without a data directory). */
export function secret(dataDir: string | undefined, name: string): string {
  const file = dataDir ? path.join(dataDir, `${name}.secret`) : undefined;
  if (file && fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const value = randomBytes(24).toString("base64url");
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, value, { mode: 0o600 });
  }
  return value;
}
