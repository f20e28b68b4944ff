// Cookies of the gateway: the session id and the short-lived binding of a sign-in to the
// browser that started it. HttpOnly and SameSite=Lax always; Secure (and the __Host- prefix,
// which forbids a Domain and forces Path=/) whenever the public URL is https.
export interface CookieNames {
  session: string;
  login: string;
  secure: boolean;
}

export function cookieNames(publicUrl: string): CookieNames {
  const secure = new URL(publicUrl).protocol === "https:";
  return secure ? { session: "__Host-lf_session", login: "__Host-lf_login", secure } : { session: "lf_session", login: "lf_login", secure };
}

export function serializeCookie(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  const parts = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export const clearCookie = (name: string, secure: boolean): string => serializeCookie(name, "", 0, secure);

/** The value of one cookie from a Cookie header (the first one of that name). */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : null;
    }
  }
  return null;
}
