import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { ProgrammeForm } from "~/components/programme-admin/programme-form";
import { Badge } from "~/components/ui/card";
import {
  programmeFormDefaults,
  programmeFormOptions,
  requireProgrammeRecord,
  updateProgramme,
} from "~/models/programme-admin.server";
import { programmeFieldLabels } from "~/components/programme-admin/field-labels";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { ProgrammeFormSchema } from "~/schemas/programme";
import { runAction } from "~/utils/action.server";
import { invalid, parseForm } from "~/utils/form.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Edit programme"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const p = await requireProgrammeRecord(scope, params.code ?? "");
  const options = await programmeFormOptions(t.locale, p.organisations.map((o) => o.organisationId));
  return json({ pageTitle: t("programmeEdit.edit.pageTitle", { title: p.title }), code: p.code, title: p.title, archived: Boolean(p.archivedAt), options, defaults: programmeFormDefaults(p) });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const existing = await requireProgrammeRecord(scope, params.code ?? "");
  const form = await parseForm(request, ProgrammeFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, message("programmeEdit.missingVersion"));
  const t = await requestTranslator(request);
  const result = await runAction(form.values, programmeFieldLabels(t), () =>
    updateProgramme(ctx, existing.id, form.data.version!, form.data),
  );
  if (!result.ok) return result.response;
  throw await redirectWithNotice(`/programmes/${encodeURIComponent(result.result.code)}`, "saved");
});

export default function EditProgramme() {
  const { code, title, archived, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/programmes/${code}`} className="text-brand-700 underline">
          {t("programmeEdit.edit.back")}
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">
        {t("programmeEdit.edit.title", { title })} {archived ? <Badge tone="amber">{t("programmeEdit.archived")}</Badge> : null}
      </h1>
      <ProgrammeForm
        key={code}
        defaults={defaults}
        actionData={actionData}
        options={options}
        submitLabel={t("programmeEdit.edit.submit")}
        cancelTo={`/programmes/${code}`}
      />
    </div>
  );
}
