import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { contextOf, writeContext } from "~/auth/write-context.server";
import { TokenTable } from "~/components/api/token-parts";
import { Notice } from "~/components/records/record-parts";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { adminRevokeApiToken, listAllApiTokens } from "~/models/api-token.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

// /admin/tokens: every user's personal access tokens that still count, with
// Revoke (issue 19, point 6). The token itself is never shown, only its prefix.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "API tokens · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  const [tokens, t] = await Promise.all([listAllApiTokens(contextOf(viewer, context)), requestTranslator(request)]);
  return json({ title: t("api.admin.metaTitle"), tokens });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireAdmin);
  const form = await request.formData();
  if (form.get("intent") !== "revoke") throw new Response("Unknown action.", { status: 400 });
  await adminRevokeApiToken(ctx, String(form.get("tokenId") ?? ""));
  throw await redirectWithNotice("/admin/tokens", "token-revoked");
});

export default function AdminTokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/admin/users" className="text-brand-700 underline">
          {t("common.nav.users")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("api.admin.title")}</h1>
      <p className="text-sm text-slate-700">{t("api.admin.intro")}</p>
      <Notice texts={{ "token-revoked": "api.tokens.notice.revoked" }} />
      {tokens.length ? <TokenTable tokens={tokens} busy={busy} showOwner /> : <p className="text-sm text-slate-800">{t("api.admin.none")}</p>}
    </div>
  );
}
