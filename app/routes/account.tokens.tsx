import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { contextOf, writeContext } from "~/auth/write-context.server";
import { NewTokenPanel, TokenTable } from "~/components/api/token-parts";
import { Checkbox, Select, TextInput } from "~/components/form/fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { Notice } from "~/components/records/record-parts";
import { Card } from "~/components/ui/card";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { createApiToken, listOwnApiTokens, revokeOwnApiToken } from "~/models/api-token.server";
import { API_TOKEN_LIFETIMES, ApiTokenFormSchema } from "~/schemas/api-token";
import { redirectWithNotice } from "~/utils/flash.server";
import { invalid, parseForm } from "~/utils/form.server";
import { withDomainErrors } from "~/utils/respond.server";

// /account/tokens: the viewer's personal access tokens for the JSON API
// (issue 19, point 6). A new token is in the action's answer only, shown
// once: it never travels in a redirect, a cookie or a later page, and only
// its hash is stored.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Personal access tokens · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const [tokens, t] = await Promise.all([listOwnApiTokens(contextOf(viewer, context)), requestTranslator(request)]);
  return json({ title: t("api.tokens.metaTitle"), tokens });
});

type ActionData = ActionResult & { created?: { name: string; token: string } };

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "revoke") {
    await revokeOwnApiToken(ctx, String(formData.get("tokenId") ?? ""));
    throw await redirectWithNotice("/account/tokens", "token-revoked");
  }
  if (intent !== "create") return invalid({}, {}, message("api.tokens.unknownAction"));
  const form = await parseForm(request, ApiTokenFormSchema, formData);
  if (!form.ok) return invalid(form.errors, form.values);
  const created = await createApiToken(ctx, form.data);
  // The form comes back empty; the token is in this answer and nowhere else.
  return json({ errors: {}, values: {}, formError: null, conflict: null, created: { name: created.name, token: created.token } });
});

export default function AccountTokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <p className="text-sm">
        <Link to="/account" className="text-brand-700 underline">
          {t("api.tokens.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("api.tokens.title")}</h1>
      <p className="text-sm text-slate-700">{t("api.tokens.intro")}</p>
      <Notice texts={{ "token-revoked": "api.tokens.notice.revoked" }} />
      {actionData?.created ? <NewTokenPanel name={actionData.created.name} token={actionData.created.token} /> : null}

      <Card title={t("api.tokens.create.title")}>
        <ZodForm
          key={actionData?.created?.token ?? "form"}
          schema={ApiTokenFormSchema}
          defaults={{ name: "", expiresInDays: "90", readOnly: false }}
          actionData={actionData?.created ? null : actionData}
          className="space-y-4"
        >
          <TextInput name="name" label={t("api.tokens.field.name")} hint={t("api.tokens.field.nameHint")} />
          <Select
            name="expiresInDays"
            label={t("api.tokens.field.expiry")}
            placeholder={null}
            options={API_TOKEN_LIFETIMES.map((d) => ({ value: d, label: t(`api.tokens.expiry.${d}`) }))}
          />
          <Checkbox name="readOnly" label={t("api.tokens.field.readOnly")} />
          <SubmitButton name="intent" value="create">
            {t("api.tokens.create.button")}
          </SubmitButton>
        </ZodForm>
      </Card>

      <Card title={t("api.tokens.list.title")}>
        {tokens.length ? <TokenTable tokens={tokens} busy={busy} /> : <p className="text-sm text-slate-800">{t("api.tokens.list.none")}</p>}
      </Card>
    </div>
  );
}
