import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readSessionState, secureOrigin } from "~/auth/session.server";
import { languageCookie } from "~/i18n/locale.server";
import { isLocale } from "~/i18n/locales";
import { setUserLocale } from "~/models/user.server";
import { safeRedirectPath } from "~/utils/safe-redirect";
import { withDomainErrors } from "~/utils/respond.server";

// The language switch (in every page's header): remembered in a cookie, and
// for a signed-in user on the account too, so it follows them to any browser.
export const action = /* @__PURE__ */ withDomainErrors(async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  // Only a path of this site: never an open redirect.
  const returnTo = safeRedirectPath(form.get("returnTo"));
  if (!isLocale(locale)) throw redirect(returnTo);
  const { user } = await readSessionState(request);
  if (user) await setUserLocale(user.id, locale);
  throw redirect(returnTo, { headers: { "Set-Cookie": languageCookie(locale, secureOrigin()) } });
});

export const loader = /* @__PURE__ */ withDomainErrors(async function loader() {
  throw redirect("/");
});
