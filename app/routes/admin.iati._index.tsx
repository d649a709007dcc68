import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { contextOf } from "~/auth/write-context.server";
import { ListHeader, Pagination } from "~/components/lists/list-view";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { iatiReadiness, type ProgrammeReadiness, type ReadinessProblem } from "~/iati/readiness.server";
import { publicOrigin } from "~/utils/env.server";
import { withDomainErrors } from "~/utils/respond.server";
import { IatiAdminNav } from "~/components/iati/iati-admin-nav";

// GET /admin/iati: before anything is published, the IATI Validator's three
// checks (XSD, ruleset, codelists) on what each programme would publish — the
// programmes that cannot be published first, with each error in the
// validator's words and where it is; warnings folded. Read only; staff and
// administrators (linked from the administrators' navigation).

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "IATI readiness · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const [readiness, t] = await Promise.all([
    iatiReadiness(contextOf(viewer, context), { page }),
    requestTranslator(request),
  ]);
  return json({ ...readiness, title: t("iatiCheck.metaTitle") });
});

function ProblemItem({ problem }: { problem: ReadinessProblem }) {
  const t = useT();
  const where = [problem.where ? t("iatiCheck.where", { where: problem.where }) : "", problem.identifier ? t("iatiCheck.activity", { identifier: problem.identifier }) : ""]
    .filter(Boolean)
    .join(" · ");
  return (
    <li>
      <span>{t.text(problem.message)}</span>{" "}
      <span className="text-slate-700">
        ({t("iatiCheck.rule", { id: problem.id })}; {where})
      </span>
    </li>
  );
}

function Warnings({ warnings }: { warnings: ReadinessProblem[] }) {
  const t = useT();
  if (warnings.length === 0) return null;
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-slate-700">{t("iatiCheck.warnings", { count: warnings.length })}</summary>
      <ul className="mt-1 list-disc space-y-1 pl-6">
        {warnings.map((w, i) => (
          <ProblemItem key={i} problem={w} />
        ))}
      </ul>
    </details>
  );
}

function ProgrammeName({ p }: { p: ProgrammeReadiness }) {
  const t = useT();
  return (
    <>
      <Link to={`/programmes/${encodeURIComponent(p.code)}`} className="font-semibold text-brand-700 underline">
        {p.code} — {p.title}
      </Link>
      {p.published ? <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800">{t("iatiCheck.published")}</span> : null}
    </>
  );
}

export default function IatiReadinessPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const blocked = data.programmes.filter((p) => p.errors.length > 0);
  const ready = data.programmes.filter((p) => p.errors.length === 0);
  const onePage = data.total <= data.perPage;
  return (
    <div className="space-y-6">
      <IatiAdminNav />
      <ListHeader title={t("iatiCheck.title")} description={t("iatiCheck.description")} />
      {data.publisherMissing ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-800">
          {t("iatiCheck.publisherMissing")}{" "}
          <Link className="font-semibold underline" to="/admin/publisher">
            {t("iatiCheck.tabs.publisher")}
          </Link>
        </div>
      ) : null}
      {data.total === 0 ? <p className="text-slate-700">{t("iatiCheck.none")}</p> : null}
      {blocked.length > 0 ? (
        <section aria-labelledby="iati-blocked" className="space-y-3">
          <h2 id="iati-blocked" className="text-lg font-semibold">
            {t(onePage ? "iatiCheck.blocked" : "iatiCheck.blockedOnPage", { count: blocked.length })}
          </h2>
          <ul className="space-y-3">
            {blocked.map((p) => (
              <li key={p.id} className="rounded-md border border-red-200 bg-white p-3">
                <ProgrammeName p={p} />
                <p className="mt-1 text-sm font-medium text-red-800">{t("iatiCheck.errors", { count: p.errors.length })}</p>
                <ul className="mt-1 list-disc space-y-1 pl-6 text-sm">
                  {p.errors.map((e, i) => (
                    <ProblemItem key={i} problem={e} />
                  ))}
                </ul>
                <Warnings warnings={p.warnings} />
              </li>
            ))}
          </ul>
        </section>
      ) : data.total > 0 ? (
        <p role="status" className="font-medium text-green-800">
          {t("iatiCheck.allPass")}
        </p>
      ) : null}
      {data.total > 0 ? (
        <section aria-labelledby="iati-ready" className="space-y-3">
          <h2 id="iati-ready" className="text-lg font-semibold">
            {t("iatiCheck.ready")}
          </h2>
          {ready.length === 0 ? (
            <p className="text-slate-700">{t("iatiCheck.readyNone")}</p>
          ) : (
            <ul className="space-y-2">
              {ready.map((p) => (
                <li key={p.id} className="rounded-md border border-slate-200 bg-white p-3">
                  <ProgrammeName p={p} />
                  <Warnings warnings={p.warnings} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {onePage ? null : <Pagination page={data.page} perPage={data.perPage} total={data.total} />}
    </div>
  );
}
