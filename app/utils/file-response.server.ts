import { requestTranslator } from "~/i18n/request.server";

/**
 * A file route's "not found" (a report or export of a programme that does not
 * exist or is outside the reader's scope: 404, never 403): plain text in the
 * reader's language, since the browser shows it as it is.
 */
export async function fileNotFound(request: Request): Promise<never> {
  const t = await requestTranslator(request);
  throw new Response(`${t("common.error.notFound.text")}\n`, {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
