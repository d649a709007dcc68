import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { LifecycleActions } from "~/components/records/record-parts";
import { Card } from "~/components/ui/card";
import { deleteProgramme, requireProgrammeRecord, setProgrammeArchived } from "~/models/programme-admin.server";
import { runAction } from "~/utils/action.server";
import { programmeFieldLabels } from "~/components/programme-admin/field-labels";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { redirectWithNotice } from "~/utils/flash.server";
import { withDomainErrors } from "~/utils/respond.server";

// Archive, restore and delete for a programme, posted from the programme's
// page (<LifecycleActions action="/programmes/CODE/lifecycle" />). Success
// redirects back; this page itself only shows when a delete is refused
// (other records depend on the programme), or if someone opens the address.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Programme"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const p = await requireProgrammeRecord(scope, params.code ?? "");
  return json({ code: p.code, title: p.title, archived: Boolean(p.archivedAt) });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const p = await requireProgrammeRecord(scope, params.code ?? "");
  const intent = (await request.formData()).get("intent");
  const back = `/programmes/${encodeURIComponent(p.code)}`;
  if (intent === "archive" || intent === "restore") {
    await setProgrammeArchived(ctx, p.id, intent === "archive");
    throw await redirectWithNotice(back, intent === "archive" ? "archived" : "restored");
  }
  if (intent === "delete") {
    const result = await runAction({}, programmeFieldLabels(await requestTranslator(request)), () => deleteProgramme(ctx, p.id));
    if (!result.ok) return result.response;
    throw await redirectWithNotice("/programmes", "deleted");
  }
  return json({ formError: message("programmeEdit.lifecycle.chooseIntent") }, { status: 400 });
});

export default function ProgrammeLifecycle() {
  const { code, title, archived } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const back = `/programmes/${code}`;
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to={back} className="text-brand-700 underline">
          {t("programmeEdit.edit.back")}
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">{title}</h1>
      {actionData?.formError ? (
        <Card title={t("programmeEdit.lifecycle.notDeleted")}>
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
            {t.text(actionData.formError)}
          </div>
          <p className="mt-3 text-sm text-slate-700">
            {t("programmeEdit.lifecycle.help")}
          </p>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <Link to={back} className="font-medium text-brand-700 underline">
              {t("programmeEdit.lifecycle.return")}
            </Link>
            {!archived ? <LifecycleActions archived={false} canDelete={false} /> : null}
          </div>
        </Card>
      ) : (
        <Card>
          <p className="text-sm text-slate-700">
            {t("programmeEdit.lifecycle.fromPageBefore")}{" "}
            <Link to={back} className="font-medium text-brand-700 underline">
              {t("programmeEdit.lifecycle.fromPageLink")}
            </Link>
            {t("programmeEdit.lifecycle.fromPageAfter")}
          </p>
        </Card>
      )}
    </div>
  );
}
