import Negotiator from "negotiator";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./locales";

// Which language a request is answered in: the signed-in user's saved choice,
// else the language cookie (set by the switch, also before signing in), else
// the browser's Accept-Language, else English.

export const LANGUAGE_COOKIE = "concord_lang";
const ONE_YEAR = 365 * 24 * 60 * 60;

function cookieLocale(request: Request): Locale | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === LANGUAGE_COOKIE) {
      const value = decodeURIComponent(rest.join("="));
      return isLocale(value) ? value : null;
    }
  }
  return null;
}

/** The browser's preferred language among ours (negotiator: q-values, "ru-RU" matches "ru"). */
export function acceptLanguageLocale(request: Request): Locale | null {
  const header = request.headers.get("accept-language");
  if (!header) return null;
  const best = new Negotiator({ headers: { "accept-language": header } }).language([...LOCALES]);
  return isLocale(best) ? best : null;
}

export function resolveLocale(request: Request, userLocale?: string | null): Locale {
  if (isLocale(userLocale)) return userLocale;
  return cookieLocale(request) ?? acceptLanguageLocale(request) ?? DEFAULT_LOCALE;
}

export function languageCookie(locale: Locale, secure: boolean): string {
  return `${LANGUAGE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax${secure ? "; Secure" : ""}`;
}
