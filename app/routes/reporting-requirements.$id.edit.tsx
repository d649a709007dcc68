import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { Notice } from "~/components/records/record-parts";
import { RequirementForm } from "~/components/reporting/requirement-form";
import { requirementFieldLabels, requirementOptionsFor } from "~/components/reporting/requirement-options";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { requireRequirement, requirementFormDefaults, requirementFormOptions, setRequirementArchived, updateRequirement } from "~/models/reporting-requirement.server";
import { RequirementFormSchema } from "~/schemas/reporting-requirement";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Edit reporting requirement"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const r = await requireRequirement(scope, params.id ?? "");
  const { programme, ...options } = await requirementFormOptions(scope, r.programme.code, t.locale);
  // Keep the current agreement selectable even if it has been archived since.
  if (r.agreement && !options.agreements.some((a) => a.id === r.agreement!.id)) options.agreements.push({ ...r.agreement, title: r.agreement.title });
  const defaults = requirementFormDefaults(r);
  return json({
    id: r.id,
    title: r.title,
    archived: Boolean(r.archivedAt),
    programme: { code: programme.code, title: programme.title },
    options: requirementOptionsFor(options, t),
    defaults,
    pageTitle: t("reporting.edit.title"),
  });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const existing = await requireRequirement(ctx.scope, params.id ?? "");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "archive" || intent === "restore") {
    await setRequirementArchived(ctx, existing.id, intent === "archive");
    throw await redirectWithNotice(`/reporting-requirements/${existing.id}/edit`, intent === "archive" ? "archived" : "restored");
  }
  const form = await parseForm(request, RequirementFormSchema, formData);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, message("reporting.e.noVersion"));
  const t = await requestTranslator(request);
  const result = await runAction(form.values, requirementFieldLabels(t), () => updateRequirement(ctx, existing.id, form.data.version!, form.data));
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/programmes/${encodeURIComponent(existing.programme.code)}/reporting`, "saved");
});

export default function EditRequirement() {
  const { id, title, archived, programme, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/programmes/${programme.code}/reporting`} className="text-brand-700 underline">
          {programme.title}
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">{t("reporting.edit.heading", { title })}</h1>
      <Notice />
      {archived ? (
        <p role="note" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950">
          {t("reporting.edit.archivedNote")}
        </p>
      ) : null}
      <RequirementForm
        key={`${id}-${defaults.version}`}
        defaults={defaults}
        actionData={actionData}
        options={options}
        submitLabel={t("reporting.edit.submit")}
        note={t("reporting.edit.regenerateNote")}
      />
      <Form method="post" className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <button
          type="submit"
          name="intent"
          value={archived ? "restore" : "archive"}
          className="min-h-[2.5rem] rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          {archived ? t("reporting.edit.restore") : t("reporting.edit.archive")}
        </button>
        <span className="text-sm text-slate-600">{t("reporting.edit.archiveHelp")}</span>
      </Form>
    </div>
  );
}
