// What each bearer token may do at the ledger: the ledgers it may touch, and whether it may act
// for people (name an actor in x-ledgerflow-actor). Checked on every call, RPC and REST alike
// (both go through these handlers), after the token has been authenticated.
//
// LEDGER_TOKEN_SCOPES: `name=ledgers[+actor]` separated by commas, ledgers `*` (every ledger) or
// names separated by `|`; e.g. `admin-api=*+actor,billing=*,reports=acme|globex`. Every token of
// LEDGER_AUTH_TOKENS needs an entry: the ledger does not start otherwise (today's reach of a
// token, every ledger and any actor, is `*+actor`, written out).
import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import { ConfigError } from "@ledgerflow/platform/config";
import { ACTOR_HEADER, callerKey } from "@ledgerflow/platform/rpc";
import { LEDGER_NAME } from "@ledgerflow/platform/wire";

export const EVERY_LEDGER = "*";
const DEFAULT_LEDGER = "main";
const SCOPE_LEDGERS_MAX = 100;

export interface TokenScope {
  /** ["*"] or ledger names. */
  ledgers: readonly string[];
  /** May name a person it acts for (an actor other than its own name). */
  actsForPeople: boolean;
}

export function parseTokenScopes(raw: string, name = "LEDGER_TOKEN_SCOPES"): Map<string, TokenScope> {
  const scopes = new Map<string, TokenScope>();
  for (const entry of raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([^=\s]+)=([^+\s]+)(\+actor)?$/.exec(entry);
    const ledgers = match ? match[2]!.split("|") : [];
    const bad = ledgers.length === 0 || ledgers.length > SCOPE_LEDGERS_MAX || (ledgers.includes(EVERY_LEDGER) ? ledgers.length > 1 : ledgers.some((l) => !LEDGER_NAME.test(l)));
    if (!match || bad) throw new ConfigError(`${name}: ${JSON.stringify(entry)} is not name=ledgers[+actor], ledgers "*" or up to ${SCOPE_LEDGERS_MAX} ledger names separated by "|"`);
    scopes.set(match[1]!, { ledgers, actsForPeople: match[3] !== undefined });
  }
  return scopes;
}

/** Refuses a configuration with a token whose reach is not written down. */
export function checkTokenScopes(tokens: ReadonlyMap<string, string>, scopes: ReadonlyMap<string, TokenScope>): void {
  const missing = [...tokens.keys()].filter((name) => !scopes.has(name));
  if (missing.length > 0) {
    throw new ConfigError(`LEDGER_TOKEN_SCOPES has no entry for the token(s) ${missing.join(", ")}: give each the ledgers it may touch (e.g. ${missing[0]}=main, or ${missing[0]}=*+actor for every ledger and acting for people)`);
  }
}

/** The ledgers a request touches: its `ledger` (empty means "main"), or each item's in a batch. */
function ledgersOf(method: string, req: { ledger?: unknown; transactions?: { ledger: string }[] }): string[] {
  if (method === "postTransactions") return [...new Set((req.transactions ?? []).map((t) => t.ledger || DEFAULT_LEDGER))];
  if (method === "listCurrencies") return [];
  return [typeof req.ledger === "string" && req.ledger !== "" ? req.ledger : DEFAULT_LEDGER];
}

/** Refuses the call unless the caller's token may touch every ledger it names and its actor. */
export function checkScope(scope: TokenScope | undefined, caller: string, method: string, req: object, actor: string | null): void {
  if (!scope) throw new ConnectError(`the token ${caller} has no scope at this ledger`, Code.PermissionDenied);
  // Naming itself is not acting for a person (billing records its own name).
  if (actor && actor !== caller && !scope.actsForPeople) {
    throw new ConnectError(`the token ${caller} may not act for people: remove the ${ACTOR_HEADER} header`, Code.PermissionDenied);
  }
  if (scope.ledgers.includes(EVERY_LEDGER)) return;
  for (const ledger of ledgersOf(method, req)) {
    if (!scope.ledgers.includes(ledger)) throw new ConnectError(`the token ${caller} may not touch ledger ${ledger}`, Code.PermissionDenied);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: one wrapper over the handlers of every method, each with its own request and response types
type Handlers = Record<string, (req: any, ctx: HandlerContext) => Promise<any>>;

/**
 * The handlers, each checking the token's scope first. Without tokens (the embedded mode on
 * loopback) there is nothing to check: every caller is "anonymous".
 */
export function scopedHandlers<H extends object>(handlers: H, tokens: ReadonlyMap<string, string>, scopes: ReadonlyMap<string, TokenScope>): H {
  if (tokens.size === 0) return handlers;
  checkTokenScopes(tokens, scopes);
  const out: Handlers = {};
  for (const [method, handler] of Object.entries(handlers as Handlers)) {
    out[method] = async (req, ctx) => {
      const caller = ctx.values.get(callerKey);
      checkScope(scopes.get(caller), caller, method, req, ctx.requestHeader.get(ACTOR_HEADER));
      return handler(req, ctx);
    };
  }
  return out as H;
}
