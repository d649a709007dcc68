import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { FormSection, Select, TextInput } from "~/components/form/fields";
import { SubmitButton, ZodForm } from "~/components/form/zod-form";
import { Notice } from "~/components/records/record-parts";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message } from "~/i18n/translate";
import { deleteOrganisationBudget, listOrganisationBudgets, publishedProgrammeBudgets, saveOrganisationBudget } from "~/models/organisation-budget.server";
import { getPublisher } from "~/models/publisher.server";
import { OrganisationBudgetFormSchema } from "~/schemas/organisation-budget";
import { runAction } from "~/utils/action.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { invalid, parseForm } from "~/utils/form.server";
import { withDomainErrors } from "~/utils/respond.server";
import { IatiAdminNav } from "~/components/iati/iati-admin-nav";

// /admin/iati-organisation: what the public IATI organisation file says about
// the centre; administrators enter its total budget per year here (ADR 0033).

const PATH = "/admin/iati-organisation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "IATI organisation file · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [t, publisher, budgets] = await Promise.all([requestTranslator(request), getPublisher(), listOrganisationBudgets()]);
  const programmes = publisher ? await publishedProgrammeBudgets(publisher.defaultCurrency) : [];
  const byYear = new Map(programmes.map((p) => [p.year, p.total.toString()]));
  return json({
    title: t("iatiPublish.budget.metaTitle"),
    currency: publisher?.defaultCurrency ?? null,
    rows: budgets.map((b) => ({ year: b.year, amount: b.amount.toString(), currency: b.currency, status: b.status, programmes: byYear.get(b.year) ?? null })),
    defaults: { year: String(new Date().getUTCFullYear() + 1), amount: "", status: "1" },
  });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireAdmin);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const t = await requestTranslator(request);
  const labels = { year: t("iatiPublish.budget.year"), amount: t("iatiPublish.budget.amount"), status: t("iatiPublish.budget.status") };
  if (intent === "delete") {
    const year = Number(formData.get("year"));
    await deleteOrganisationBudget(ctx, Number.isInteger(year) ? year : -1);
    throw await redirectWithNotice(PATH, "budget-removed");
  }
  if (intent !== "save") return invalid({}, {}, message("iatiPublish.v.chooseIntent"));
  const form = await parseForm(request, OrganisationBudgetFormSchema, formData);
  if (!form.ok) return invalid(form.errors, form.values);
  const result = await runAction(form.values, labels, () => saveOrganisationBudget(ctx, form.data));
  if (!result.ok) return result.response;
  throw await redirectWithNotice(PATH, "budget-saved");
});

export default function IatiOrganisationAdmin() {
  const { currency, rows, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fmt = useFormat();
  const refusal = t.text(actionData?.formError);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <IatiAdminNav />
      <h1 className="text-2xl font-bold">{t("iatiPublish.budget.title")}</h1>
      <Notice texts={{ "budget-saved": "iatiPublish.notice.budgetSaved", "budget-removed": "iatiPublish.notice.budgetRemoved" }} />
      <p className="text-slate-700">{t("iatiPublish.budget.intro")}</p>
      <p>
        <a href="/iati/organisation.xml" className="font-medium text-brand-700 underline underline-offset-2">
          {t("iatiPublish.budget.file")}
        </a>
      </p>
      {!currency ? <p className="text-amber-900">{t("iatiPublish.panel.noPublisher")}</p> : null}
      {refusal ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {refusal}
        </div>
      ) : null}

      <section aria-labelledby="budget-years" className="space-y-2">
        <h2 id="budget-years" className="text-lg font-semibold">
          {t("iatiPublish.budget.tableCaption")}
        </h2>
        {rows.length === 0 ? (
          <p className="text-slate-700">{t("iatiPublish.budget.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{t("iatiPublish.budget.tableCaption")}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="p-2">{t("iatiPublish.budget.year")}</th>
                  <th scope="col" className="p-2 text-right">{t("iatiPublish.budget.amount")}</th>
                  <th scope="col" className="p-2">{t("iatiPublish.budget.status")}</th>
                  <th scope="col" className="p-2 text-right">{t("iatiPublish.budget.programmes")}</th>
                  <th scope="col" className="p-2">
                    <span className="sr-only">{t("iatiPublish.budget.remove")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.year} className="border-b border-slate-200">
                    <th scope="row" className="p-2 font-medium">{r.year}</th>
                    <td className="p-2 text-right tabular-nums">{fmt.money(r.amount, r.currency)}</td>
                    <td className="p-2">{t(r.status === "2" ? "iatiPublish.budget.status.2" : "iatiPublish.budget.status.1")}</td>
                    <td className="p-2 text-right tabular-nums text-slate-700">{r.programmes && currency ? fmt.money(r.programmes, currency) : "—"}</td>
                    <td className="p-2">
                      <Form method="post">
                        <input type="hidden" name="year" value={r.year} />
                        <button
                          type="submit"
                          name="intent"
                          value="delete"
                          aria-label={t("iatiPublish.budget.removeYear", { year: String(r.year) })}
                          className="min-h-[2.5rem] rounded-md px-3 py-1 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50"
                        >
                          {t("iatiPublish.budget.remove")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {/* Keyed by the table, so a saved or removed year starts the form afresh. */}
      <ZodForm key={rows.map((r) => `${r.year}:${r.amount}:${r.status}`).join()} schema={OrganisationBudgetFormSchema} defaults={defaults} actionData={actionData}>
        <FormSection title={t("iatiPublish.budget.formTitle")} description={t("iatiPublish.budget.formHint")}>
          <TextInput name="year" label={t("iatiPublish.budget.year")} required inputMode="numeric" />
          <TextInput
            name="amount"
            label={t("iatiPublish.budget.amount")}
            required
            inputMode="decimal"
            hint={t("iatiPublish.budget.amountHint", { currency: currency ?? "—" })}
          />
          <Select
            name="status"
            label={t("iatiPublish.budget.status")}
            required
            options={[
              { value: "1", label: t("iatiPublish.budget.status.1") },
              { value: "2", label: t("iatiPublish.budget.status.2") },
            ]}
          />
        </FormSection>
        <SubmitButton name="intent" value="save">
          {t("iatiPublish.budget.save")}
        </SubmitButton>
      </ZodForm>
    </div>
  );
}
