import { readSessionState } from "~/auth/session.server";
import { serverTranslator } from "./catalogues.server";
import type { Locale } from "./locales";
import { resolveLocale } from "./locale.server";
import type { Translator } from "./translate";

/** The language this request is answered in (the session lookup is shared with the page's other loaders). */
export async function requestLocale(request: Request): Promise<Locale> {
  const { user } = await readSessionState(request);
  return resolveLocale(request, user?.locale);
}

/** A translator in this request's language, for text the server writes (files, e-mails, flash messages). */
export async function requestTranslator(request: Request): Promise<Translator> {
  return serverTranslator(await requestLocale(request));
}
