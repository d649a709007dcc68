import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { ListHeader } from "~/components/lists/list-view";
import { Notice } from "~/components/records/record-parts";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { message, type MessageKey } from "~/i18n/translate";
import { countJobsByState, listFailedJobs, retryJob } from "~/jobs/queue.server";
import { writeContext } from "~/auth/write-context.server";
import { runAction } from "~/utils/action.server";
import { notFoundError } from "~/utils/errors.server";
import { withDomainErrors } from "~/utils/respond.server";
import { redirectWithNotice } from "~/utils/flash.server";

// Background jobs for administrators: how many wait, run, finished or failed,
// and the failed ones with their last error and a Retry button.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Background jobs · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [counts, failed, t] = await Promise.all([countJobsByState(), listFailedJobs(), requestTranslator(request)]);
  return json({ counts, failed, title: t("admin.jobs.metaTitle") });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireAdmin);
  const form = await request.formData();
  const id = form.get("id");
  if (form.get("intent") !== "retry" || typeof id !== "string" || !id || id.length > 100) {
    return json({ formError: message("admin.user.unknownAction") }, { status: 400 });
  }
  const result = await runAction({}, {}, () => retryJob(ctx, id));
  if (!result.ok) return result.response;
  if (result.result === "not_found") throw notFoundError("Job not found");
  if (result.result === "not_failed") return json({ formError: message("admin.jobs.notFailed") }, { status: 409 });
  throw await redirectWithNotice("/admin/jobs", "retried");
});

const STATES = ["QUEUED", "RUNNING", "DONE", "FAILED"] as const;

const JOB_NAMES: Record<string, MessageKey> = {
  mail: "admin.jobs.name.mail",
  "sweep.sessions": "admin.jobs.name.sweep.sessions",
  "sweep.rate-limits": "admin.jobs.name.sweep.rate-limits",
  "sweep.form-submissions": "admin.jobs.name.sweep.form-submissions",
  "sweep.uploads": "admin.jobs.name.sweep.uploads",
  "sweep.jobs": "admin.jobs.name.sweep.jobs",
  notify: "notifications.job.notify",
  "notify.reminders": "notifications.job.reminders",
  "notify.digest": "notifications.job.digest",
  "document.text": "search.job.documentText",
  "sweep.document-text": "search.job.sweep",
  "sweep.imports": "imports.job.sweep",
};

const button =
  "min-h-[2.5rem] rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

export default function BackgroundJobs() {
  const { counts, failed } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string }>();
  const t = useT();
  const fmt = useFormat();
  const refusal = t.text(actionData?.formError);
  const jobName = (name: string) => (JOB_NAMES[name] ? t(JOB_NAMES[name]) : name);
  return (
    <div className="space-y-6">
      <ListHeader title={t("admin.jobs.title")} description={t("admin.jobs.description")} />
      <Notice texts={{ retried: "admin.jobs.retried" }} />
      {refusal ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {refusal}
        </div>
      ) : null}
      <section aria-labelledby="job-counts">
        <h2 id="job-counts" className="sr-only">
          {t("admin.jobs.countsCaption")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {STATES.map((state) => (
            <div key={state} className="rounded-md border border-slate-200 bg-white p-3">
              <dt className="text-sm text-slate-700">{t(`admin.jobs.state.${state}`)}</dt>
              <dd className="text-2xl font-semibold">{fmt.number(counts[state])}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="failed-jobs" className="space-y-2">
        <h2 id="failed-jobs" className="text-lg font-semibold">
          {t("admin.jobs.failedTitle")}
        </h2>
        {failed.length === 0 ? (
          <p className="text-slate-700">{t("admin.jobs.noneFailed")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">{t("admin.jobs.failedCaption")}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="p-2">
                    {t("admin.jobs.col.job")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("admin.jobs.col.failedAt")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("admin.jobs.col.attempts")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("admin.jobs.col.error")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("admin.jobs.col.action")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {failed.map((job) => {
                  const at = fmt.dateTime(job.finishedAt);
                  return (
                    <tr key={job.id} className="border-b border-slate-200 align-top">
                      <th scope="row" className="p-2 font-medium">
                        {jobName(job.name)}
                      </th>
                      <td className="p-2 whitespace-nowrap">{at}</td>
                      <td className="p-2">{t("admin.jobs.attempts", { attempts: fmt.number(job.attempts), max: fmt.number(job.maxAttempts) })}</td>
                      <td className="max-w-md p-2 break-words text-slate-800">{job.lastError ?? "—"}</td>
                      <td className="p-2">
                        <Form method="post">
                          <input type="hidden" name="id" value={job.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="retry"
                            className={button}
                            aria-label={t("admin.jobs.retryLabel", { job: jobName(job.name), at })}
                          >
                            {t("admin.jobs.retry")}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
