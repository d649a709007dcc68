import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { AgreementForm } from "~/components/agreements/agreement-form";
import { agreementFormOptions, AGREEMENT_FIELD_LABELS, requireAgreement, updateAgreement } from "~/models/agreement.server";
import { AgreementFormSchema } from "~/schemas/agreement";
import { runAction } from "~/utils/action.server";
import { toDateInput } from "~/utils/format";
import { invalid, parseForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.title ?? "agreement"} · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const a = await requireAgreement(scope, params.id ?? "");
  const options = await agreementFormOptions(scope, a.id);
  const defaults = {
    version: String(a.version),
    programmeId: a.programmeId,
    parentId: a.parentId ?? "",
    type: a.type,
    title: a.title,
    reference: a.reference ?? "",
    description: a.description ?? "",
    status: a.status,
    signedOn: toDateInput(a.signedOn),
    signedPrecision: a.signedPrecision,
    effectiveOn: toDateInput(a.effectiveOn),
    expiresOn: toDateInput(a.expiresOn),
    value: a.value?.toString() ?? "",
    currency: a.currency ?? "",
    parties: a.parties.map((p) => ({ organisationId: p.organisationId, role: p.role })),
  };
  return json({ id: a.id, title: a.title, options, defaults });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireStaff(request);
  const existing = await requireAgreement(scope, params.id ?? "");
  const form = await parseForm(request, AgreementFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, "The form is missing its version; reload the page and try again.");
  const result = await runAction(form.values, AGREEMENT_FIELD_LABELS, () =>
    updateAgreement({ id: user.id, email: user.email }, existing.id, form.data.version!, form.data, context.clientIp),
  );
  if (!result.ok) return result.response;
  throw redirect(`/agreements/${existing.id}?notice=saved`);
}

export default function EditAgreement() {
  const { id, title, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/agreements/${id}`} className="text-brand-700 underline">
          ← Back to the agreement
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Edit: {title}</h1>
      <AgreementForm defaults={defaults} actionData={actionData} options={options} submitLabel="Save changes" />
    </div>
  );
}
