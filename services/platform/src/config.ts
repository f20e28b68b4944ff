// Configuration from the environment, validated once at start; a bad value stops the process
// with a message naming the variable.
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function str(env: Env, name: string, fallback?: string): string {
  const value = env[name];
  if (value === undefined || value === "") {
    if (fallback === undefined) throw new ConfigError(`${name} is required`);
    return fallback;
  }
  return value;
}

export function optional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(raw)}`);
  return value;
}

export function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

/**
 * Named bearer tokens, `name=token,…` (e.g. LEDGER_AUTH_TOKENS): who may call a service, and the
 * name each caller is recorded under. Empty or unset: no table (open access).
 */
export function tokens(env: Env, name: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const pair of (optional(env, name) ?? "").split(",").filter(Boolean)) {
    const [caller, token, ...rest] = pair.split("=");
    if (!caller || !token || rest.length > 0 || token.length < 16) throw new ConfigError(`${name} must be name=token pairs separated by commas, tokens of 16+ characters`);
    table.set(caller.trim(), token.trim());
  }
  return table;
}
