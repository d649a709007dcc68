import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { ProgrammeForm } from "~/components/programme-admin/programme-form";
import { Badge } from "~/components/ui/card";
import {
  programmeFormDefaults,
  programmeFormOptions,
  requireProgrammeRecord,
  updateProgramme,
} from "~/models/programme-admin.server";
import { ProgrammeFormSchema } from "~/schemas/programme";
import { runAction } from "~/utils/action.server";
import { PROGRAMME_FIELD_LABELS } from "~/utils/labels-programme";
import { invalid, parseForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.title ?? "programme"} · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const p = await requireProgrammeRecord(scope, params.code ?? "");
  const options = await programmeFormOptions(p.organisations.map((o) => o.organisationId));
  return json({ code: p.code, title: p.title, archived: Boolean(p.archivedAt), options, defaults: programmeFormDefaults(p) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireStaff(request);
  const existing = await requireProgrammeRecord(scope, params.code ?? "");
  const form = await parseForm(request, ProgrammeFormSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  if (!form.data.version) return invalid({}, form.values, "The form is missing its version; reload the page and try again.");
  const result = await runAction(form.values, PROGRAMME_FIELD_LABELS, () =>
    updateProgramme({ id: user.id, email: user.email }, existing.id, form.data.version!, form.data, context.clientIp),
  );
  if (!result.ok) return result.response;
  throw redirect(`/programmes/${encodeURIComponent(result.result.code)}?notice=saved`);
}

export default function EditProgramme() {
  const { code, title, archived, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/programmes/${code}`} className="text-brand-700 underline">
          ← Back to the programme
        </Link>
      </p>
      <h1 className="break-words text-2xl font-bold">
        Edit: {title} {archived ? <Badge tone="amber">Archived</Badge> : null}
      </h1>
      <ProgrammeForm
        key={code}
        defaults={defaults}
        actionData={actionData}
        options={options}
        submitLabel="Save changes"
        cancelTo={`/programmes/${code}`}
      />
    </div>
  );
}
