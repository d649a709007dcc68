import type { SerializeFrom } from "@remix-run/node";
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import { FileField } from "~/components/documents/file-field";
import { HiddenField, Select, TextArea, TextInput } from "~/components/form/fields";
import { ZodForm, type ActionResult, type ConflictInfo } from "~/components/form/zod-form";
import { Section } from "~/components/records/record-parts";
import { Button } from "~/components/ui/button";
import { useFormat, useT } from "~/i18n/context";
import type { MessageKey } from "~/i18n/translate";
import type { LoadedReport } from "~/models/progress-report.server";
import { DELIVERABLE_STATUSES } from "~/schemas/deliverable";
import { FOLLOW_UP_STATUSES } from "~/schemas/outcome";
import { EvidenceFormSchema, ProgressReportFormSchema, REPORT_SECTIONS, reportFormDefaults, ReopenReportSchema, ReturnReportSchema, type ReportSectionValue } from "~/schemas/progress-report";
import { useFocusIfLost } from "~/utils/lost-focus";
import { useNotice } from "~/utils/notice";

// Issue 18: one progress report as the partner portal and the workspace show
// it. Each section sits beside what the reviewer compares it with (the
// period's target, the previous period's approved value), with the review
// comments on that section underneath. When the reader may fill it in, the
// figures are inputs of one form that saves as it goes (a fetcher, debounced,
// carrying the version) and has a Save draft button that works without
// JavaScript.

export type ReportData = SerializeFrom<LoadedReport>;

const LANGUAGE_NAMES: Record<string, string> = { en: "English", ru: "Русский", ko: "한국어" };
const NOTICES: Record<string, MessageKey> = {
  "report-saved": "progressReport.notice.saved",
  "report-submitted": "progressReport.notice.submitted",
  "report-returned": "progressReport.notice.returned",
  "report-approved": "progressReport.notice.approved",
  "report-reopened": "progressReport.notice.reopened",
  "report-evidence": "progressReport.notice.uploaded",
};

const cell = "px-2 py-2 align-top";
const head = "px-2 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";

export function ReportPage({ data, actionData, showHistory }: { data: ReportData; actionData?: ActionResult | null; showHistory: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const notice = useNotice();
  // The submit, return or approve button usually goes with the answer: the message takes the focus.
  const noticeRef = useRef<HTMLDivElement>(null);
  useFocusIfLost(noticeRef, { key: notice });
  const { report, programme, abilities } = data;
  const from = fmt.date(report.periodStart);
  const to = fmt.date(report.periodEnd);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="break-words text-2xl font-bold">{t("progressReport.heading", { title: report.requirement.title, from, to })}</h1>
        <p className="text-sm text-slate-700">
          {t("progressReport.meta", { programme: programme.title, sequence: String(report.sequence), due: fmt.date(report.dueDate), status: t(`progressReport.status.${report.status}`) })}
          {report.round > 0 ? ` · ${t("progressReport.round", { round: String(report.round) })}` : null}
        </p>
        {report.reopenReason && report.status !== "APPROVED" ? <p className="text-sm text-amber-900">{t("progressReport.reopened", { reason: report.reopenReason })}</p> : null}
      </div>
      {notice && NOTICES[notice] ? (
        <div ref={noticeRef} tabIndex={-1} role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
          {t(NOTICES[notice])}
        </div>
      ) : null}
      {abilities.edit ? <FillForm data={data} actionData={actionData} /> : <ReadOnly data={data} />}
      {abilities.return || abilities.approve ? <ReviewPanel data={data} actionData={actionData} /> : null}
      {abilities.reopen ? <ReopenPanel data={data} actionData={actionData} /> : null}
      <Section title={t("progressReport.section.EVIDENCE")}>
        {data.documents.length === 0 ? (
          <p className="text-sm text-slate-600">{t("progressReport.none.documents")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {data.documents.map((d) => (
              <li key={d.id}>
                <a href={`/documents/${d.id}/download`} className="font-medium text-brand-700 underline">{d.title}</a> <span className="text-slate-600">{d.originalName}</span>
              </li>
            ))}
          </ul>
        )}
        {abilities.edit ? <EvidenceForm actionData={actionData} /> : null}
        <SectionComments data={data} section="EVIDENCE" />
      </Section>
      <Section title={t("progressReport.comments.heading")}>
        <SectionComments data={data} section="GENERAL" empty />
      </Section>
      {showHistory ? (
        <Section title={t("progressReport.history")}>
          {data.history.length === 0 ? <p className="text-sm text-slate-600">{t("progressReport.historyEmpty")}</p> : null}
          <ul className="space-y-1 text-sm text-slate-700">
            {data.history.map((h) => {
              // A step of the workflow shows as its status change; any other save as "saved".
              const status = (h.changes as Record<string, { before?: unknown; after?: unknown }> | null)?.status;
              const label = (v: unknown) => (typeof v === "string" && STATUSES.includes(v as (typeof STATUSES)[number]) ? t(`progressReport.status.${v as (typeof STATUSES)[number]}`) : "—");
              return (
                <li key={h.id}>
                  {fmt.dateTime(h.at)} · {h.actorEmail ?? "—"} ·{" "}
                  {status ? `${label(status.before)} → ${label(status.after)}` : t("progressReport.historySaved")}
                </li>
              );
            })}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}

const STATUSES = ["NOT_STARTED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const;

/** The review comments on one section, by round. */

function SectionComments({ data, section, empty = false }: { data: ReportData; section: ReportSectionValue; empty?: boolean }) {
  const t = useT();
  const comments = data.comments.filter((c) => c.section === section);
  if (comments.length === 0) return empty ? <p className="text-sm text-slate-600">{t("progressReport.none.comments")}</p> : null;
  return (
    <ul className="mt-3 space-y-2" aria-label={t("progressReport.comments.heading")}>
      {comments.map((c) => (
        <li key={c.id} className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="text-xs text-amber-900">
            {t("progressReport.round", { round: String(c.round) })} · {c.author.name ?? c.author.email}
          </p>
          <p className="whitespace-pre-line break-words text-slate-900">{c.body}</p>
        </li>
      ))}
    </ul>
  );
}

function Compare({ label, value }: { label: string; value: ReactNode }) {
  return (
    <span className="block text-xs text-slate-600">
      {label}: <span className="text-slate-900">{value}</span>
    </span>
  );
}

function figure(v: { value: string | null; female?: string | null; male?: string | null } | null, t: ReturnType<typeof useT>) {
  if (!v || v.value === null) return "—";
  return v.female || v.male ? `${v.value} (${t("progressReport.col.women")} ${v.female ?? "—"}, ${t("progressReport.col.men")} ${v.male ?? "—"})` : v.value;
}

/** What the reviewer compares a reported value with: the period's target and the previous period's approved value. */
function Reference({ indicator }: { indicator: ReportData["indicators"][number] }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <>
      <Compare label={t("progressReport.col.target")} value={figure(indicator.target, t)} />
      <Compare label={t("progressReport.col.previous")} value={figure(indicator.previous, t)} />
      {indicator.toDate ? (
        <span className="block text-xs text-slate-600">
          {t("progressReport.toDate", { start: fmt.date(indicator.toDate.periodStart), end: fmt.date(indicator.toDate.periodEnd) })}
        </span>
      ) : null}
    </>
  );
}

function ReadOnly({ data }: { data: ReportData }) {
  const t = useT();
  const fmt = useFormat();
  const { report } = data;
  const translations = (report.translations ?? {}) as Record<string, { narrative?: string }>;
  return (
    <>
      <Section title={t("progressReport.section.NARRATIVE")}>
        <p lang={report.lang} className="whitespace-pre-line break-words text-sm text-slate-900">{report.narrative ?? "—"}</p>
        {Object.entries(translations).map(([lang, v]) =>
          v?.narrative ? (
            <p key={lang} lang={lang} className="mt-3 whitespace-pre-line break-words border-l-2 border-slate-200 pl-3 text-sm text-slate-700">
              <span className="block text-xs text-slate-500">{LANGUAGE_NAMES[lang] ?? lang}</span>
              {v.narrative}
            </p>
          ) : null,
        )}
        <SectionComments data={data} section="NARRATIVE" />
      </Section>
      <Section title={t("progressReport.section.INDICATORS")}>
        {data.indicators.length === 0 ? (
          <p className="text-sm text-slate-600">{t("progressReport.none.indicators")}</p>
        ) : (
          <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th className={head}>{t("progressReport.col.indicator")}</th>
                <th className={head}>{t("progressReport.col.target")}</th>
                <th className={head}>{t("progressReport.col.previous")}</th>
                <th className={head}>{t("progressReport.col.actual")}</th>
                <th className={head}>{t("progressReport.col.comment")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.indicators.map((i) => (
                <tr key={i.id}>
                  <td className={cell}>{i.title}{i.unitLabel ? <span className="text-slate-500"> ({i.unitLabel})</span> : null}</td>
                  <td className={cell}>{figure(i.target, t)}</td>
                  <td className={cell}>{figure(i.previous, t)}</td>
                  <td className={`${cell} font-semibold`}>{figure({ value: i.reported.actualValue, female: i.reported.actualFemale, male: i.reported.actualMale }, t)}</td>
                  <td className={cell}>{i.reported.comment ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
        <SectionComments data={data} section="INDICATORS" />
      </Section>
      <Section title={t("progressReport.section.PARTICIPANTS")}>
        {data.activities.length === 0 ? (
          <p className="text-sm text-slate-600">{t("progressReport.none.activities")}</p>
        ) : (
          <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr>
                {(["activity", "recorded", "total", "women", "men", "other"] as const).map((k) => <th key={k} className={head}>{t(`progressReport.col.${k}`)}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.activities.map((a) => (
                <tr key={a.id}>
                  <td className={cell}>{a.title}<span className="block text-xs text-slate-500">{a.startsOn ? fmt.date(a.startsOn) : ""}</span></td>
                  <td className={cell}>{figure(a.participantsTotal === null ? null : { value: String(a.participantsTotal), female: a.participantsFemale === null ? null : String(a.participantsFemale), male: a.participantsMale === null ? null : String(a.participantsMale) }, t)}</td>
                  <td className={`${cell} font-semibold`}>{a.reported?.total ?? "—"}</td>
                  <td className={cell}>{a.reported?.female ?? "—"}</td>
                  <td className={cell}>{a.reported?.male ?? "—"}</td>
                  <td className={cell}>{a.reported?.other ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
        <SectionComments data={data} section="PARTICIPANTS" />
      </Section>
      <Section title={t("progressReport.section.DELIVERABLES")}>
        {data.items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("progressReport.none.items")}</p>
        ) : (
          <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr>
                {(["item", "due", "current", "reported", "note"] as const).map((k) => <th key={k} className={head}>{t(`progressReport.col.${k}`)}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.items.map((i) => (
                <tr key={`${i.kind}:${i.id}`}>
                  <td className={cell}><span className="block text-xs text-slate-500">{t(i.kind === "deliverable" ? "progressReport.deliverable" : "progressReport.followUp")}</span>{i.title}</td>
                  <td className={cell}>{i.dueDate ? fmt.date(i.dueDate) : "—"}</td>
                  <td className={cell}>{statusLabel(t, i.kind, i.status)}</td>
                  <td className={`${cell} font-semibold`}>{i.reported ? statusLabel(t, i.kind, i.reported.status) : "—"}</td>
                  <td className={cell}>{i.reported?.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
        <SectionComments data={data} section="DELIVERABLES" />
      </Section>
    </>
  );
}

function statusLabel(t: ReturnType<typeof useT>, kind: "deliverable" | "followUp", status: string) {
  return t.label(kind === "deliverable" ? "deliverableStatus" : "followUpStatus", status);
}


function FillForm({ data, actionData }: { data: ReportData; actionData?: ActionResult | null }) {
  const t = useT();
  const fmt = useFormat();
  const { report } = data;
  // A report not yet started takes the writer's language; afterwards it keeps its own.
  const lang = report.status === "NOT_STARTED" && !report.narrative ? t.locale : report.lang;
  return (
    <ZodForm schema={ProgressReportFormSchema} defaults={reportFormDefaults(data)} actionData={actionData} className="space-y-6">
      <HiddenField name="version" />
      <AutoSave />
      <Section title={t("progressReport.section.NARRATIVE")}>
        <TextArea name="narrative" label={t("progressReport.narrative.label", { lang: LANGUAGE_NAMES[lang] ?? lang })} rows={6} lang={lang} />
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-brand-700">{t("progressReport.narrative.translation", { lang: ["en", "ru", "ko"].filter((l) => l !== lang).map((l) => LANGUAGE_NAMES[l]).join(", ") })}</summary>
          <div className="mt-2 space-y-3">
            {["en", "ru", "ko"].filter((l) => l !== lang).map((l) => (
              <TextArea key={l} name={`translations.${l}.narrative`} label={t("progressReport.narrative.translation", { lang: LANGUAGE_NAMES[l] })} rows={3} lang={l} />
            ))}
          </div>
        </details>
        <SectionComments data={data} section="NARRATIVE" />
      </Section>
      <Section title={t("progressReport.section.INDICATORS")}>
        {data.indicators.length === 0 ? <p className="text-sm text-slate-600">{t("progressReport.none.indicators")}</p> : null}
        <div className="space-y-4">
          {data.indicators.map((i, n) => (
            <fieldset key={i.id} className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-semibold">{i.title}{i.unitLabel ? ` (${i.unitLabel})` : ""}</legend>
              <HiddenField name={`indicators.${n}.indicatorId`} />
              <div className="mb-2"><Reference indicator={i} /></div>
              <div className="grid grid-cols-1 gap-3 sm:grid-cols-4">
                {i.measure !== "QUALITATIVE" ? (
                  <TextInput name={`indicators.${n}.actualValue`} label={`${t("progressReport.col.actual")}: ${i.title}`} inputMode="decimal" />
                ) : null}
                {i.bySex && i.measure !== "QUALITATIVE" ? (
                  <>
                    <TextInput name={`indicators.${n}.actualFemale`} label={t("progressReport.col.women")} inputMode="decimal" />
                    <TextInput name={`indicators.${n}.actualMale`} label={t("progressReport.col.men")} inputMode="decimal" />
                  </>
                ) : null}
                <TextInput name={`indicators.${n}.comment`} label={t("progressReport.col.comment")} className={i.measure === "QUALITATIVE" ? "sm:col-span-4" : ""} />
              </div>
            </fieldset>
          ))}
        </div>
        <SectionComments data={data} section="INDICATORS" />
      </Section>
      <Section title={t("progressReport.section.PARTICIPANTS")}>
        {data.activities.length === 0 ? <p className="text-sm text-slate-600">{t("progressReport.none.activities")}</p> : null}
        <div className="space-y-4">
          {data.activities.map((a, n) => (
            <fieldset key={a.id} className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-semibold">{a.title} {a.startsOn ? `· ${fmt.date(a.startsOn)}` : ""}</legend>
              <HiddenField name={`participants.${n}.activityId`} />
              <div className="grid grid-cols-1 gap-3 sm:grid-cols-4">
                <TextInput name={`participants.${n}.total`} label={`${t("progressReport.col.total")}: ${a.title}`} inputMode="numeric" />
                <TextInput name={`participants.${n}.female`} label={t("progressReport.col.women")} inputMode="numeric" />
                <TextInput name={`participants.${n}.male`} label={t("progressReport.col.men")} inputMode="numeric" />
                <TextInput name={`participants.${n}.other`} label={t("progressReport.col.other")} inputMode="numeric" />
              </div>
            </fieldset>
          ))}
        </div>
        <SectionComments data={data} section="PARTICIPANTS" />
      </Section>
      <Section title={t("progressReport.section.DELIVERABLES")}>
        {data.items.length === 0 ? <p className="text-sm text-slate-600">{t("progressReport.none.items")}</p> : null}
        <div className="space-y-4">
          {data.items.map((i, n) => (
            <fieldset key={`${i.kind}:${i.id}`} className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-semibold">
                {t(i.kind === "deliverable" ? "progressReport.deliverable" : "progressReport.followUp")}: {i.title}
              </legend>
              <HiddenField name={`items.${n}.kind`} />
              <HiddenField name={`items.${n}.id`} />
              <Compare label={t("progressReport.col.due")} value={i.dueDate ? fmt.date(i.dueDate) : "—"} />
              <Compare label={t("progressReport.col.current")} value={statusLabel(t, i.kind, i.status)} />
              <div className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2">
                <Select
                  name={`items.${n}.status`}
                  label={t("progressReport.col.reported")}
                  placeholder={null}
                  options={(i.kind === "deliverable" ? DELIVERABLE_STATUSES : FOLLOW_UP_STATUSES).map((s) => ({ value: s, label: statusLabel(t, i.kind, s) }))}
                />
                <TextInput name={`items.${n}.note`} label={t("progressReport.col.note")} />
              </div>
            </fieldset>
          ))}
        </div>
        <SectionComments data={data} section="DELIVERABLES" />
      </Section>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" name="intent" value="save" variant="secondary">{t("progressReport.action.save")}</Button>
        {data.abilities.submit ? <Button type="submit" name="intent" value="submit">{t("progressReport.action.submit")}</Button> : null}
      </div>
    </ZodForm>
  );
}

const AUTOSAVE_DELAY_MS = 1500;

/**
 * Saves the draft in the background a moment after typing stops: the form's
 * own data (without its double-submit key, so Save draft still saves) with
 * the version it holds; the answer's version becomes the form's. A conflict
 * stops it and shows both versions; a refusal shows its messages.
 */
function AutoSave() {
  const t = useT();
  const fetcher = useFetcher<ActionResult & { saved?: boolean; version?: number }>();
  const { watch, setValue, trigger, getValues } = useFormContext();
  const anchor = useRef<HTMLSpanElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [stopped, setStopped] = useState(false);
  useEffect(() => {
    const subscription = watch((_value, { name }) => {
      if (stopped || name === "version") return;
      clearTimeout(timer.current);
      timer.current = setTimeout(async () => {
        const form = anchor.current?.closest("form");
        // Checked in the browser with the form's schema first (its messages show next to the fields): nothing invalid is posted.
        if (!form || !(await trigger())) return;
        const body = new FormData(form);
        body.delete("_submission");
        body.set("intent", "autosave");
        fetcher.submit(body, { method: "post" });
      }, AUTOSAVE_DELAY_MS);
    });
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer.current);
    };
  }, [watch, fetcher, stopped, trigger]);
  // A submission while a save is on its way would carry the version before
  // it and conflict with the reader's own save: it waits for the save's
  // answer and is made again with the new version. A save not yet started is
  // dropped (the submission carries the same values).
  const held = useRef<HTMLElement | null>();
  const busy = useRef(false);
  busy.current = fetcher.state !== "idle";
  useEffect(() => {
    const form = anchor.current?.closest("form");
    const hold = (event: SubmitEvent) => {
      clearTimeout(timer.current);
      if (!busy.current) return;
      event.preventDefault();
      event.stopPropagation(); // before the form's own handler (React's, at the root)
      held.current = event.submitter;
    };
    form?.addEventListener("submit", hold);
    return () => form?.removeEventListener("submit", hold);
  }, []);
  useEffect(() => {
    if (fetcher.data?.saved && fetcher.data.version) setValue("version", String(fetcher.data.version));
    if (fetcher.data?.conflict) setStopped(true);
    if (fetcher.state !== "idle" || held.current === undefined) return;
    const submitter = held.current;
    held.current = undefined;
    if (!fetcher.data?.conflict) anchor.current?.closest("form")?.requestSubmit(submitter);
  }, [fetcher.data, fetcher.state, setValue]);
  const status =
    fetcher.state !== "idle"
      ? t("progressReport.autosave.saving")
      : fetcher.data?.saved
        ? t("progressReport.autosave.saved")
        : fetcher.data && !fetcher.data.conflict
          ? t("progressReport.autosave.failed", { error: fetcher.data.formError ? t.text(fetcher.data.formError) : Object.values(fetcher.data.errors ?? {}).join(" ") })
          : null;
  return (
    <span ref={anchor} className="block">
      <span role="status" aria-live="polite" className="text-sm text-slate-600">{status}</span>
      {fetcher.data?.conflict ? <AutoSaveConflict conflict={fetcher.data.conflict} typed={(field) => (field === "narrative" ? String(getValues("narrative") ?? "") : null)} /> : null}
    </span>
  );
}

/**
 * Both versions side by side: what the reader typed (the narrative as it is
 * in the form; the figures stay in the form below) and what the other person
 * saved. The workflow's own fields (status, round) are not the reader's text.
 */
function AutoSaveConflict({ conflict, typed }: { conflict: ConflictInfo; typed: (field: string) => string | null }) {
  const t = useT();
  const changes = conflict.changes.filter((c) => c.field !== "status" && c.field !== "round");
  const line = "block whitespace-pre-line break-words";
  return (
    <span role="alert" className="mt-2 block rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950">
      <span className="block font-semibold">{t("progressReport.conflict.text")}</span>
      <span className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
        <span className="block">
          <span className="block font-medium">{t("progressReport.conflict.mine")}</span>
          {changes.map((c) => <span key={c.field} className={line}>{c.label}: {typed(c.field) ?? t("progressReport.conflict.inForm")}</span>)}
        </span>
        <span className="block">
          <span className="block font-medium">{t("progressReport.conflict.theirs")}</span>
          {changes.map((c) => <span key={c.field} className={line}>{c.label}: {t.text(c.theirs)}</span>)}
        </span>
      </span>
      <a href="" className="mt-2 inline-block text-brand-700 underline">{t("progressReport.conflict.reload")}</a>
    </span>
  );
}

/** Uploads an evidence document (a separate multipart form: the draft form stays as typed). */
function EvidenceForm({ actionData }: { actionData?: ActionResult | null }) {
  const t = useT();
  // Only this form's refusal is shown here (it is the one with a file field).
  const mine = actionData?.errors && ("file" in actionData.errors || "title" in actionData.errors) ? actionData : null;
  return (
    <ZodForm schema={EvidenceFormSchema} defaults={{ title: "" }} actionData={mine} encType="multipart/form-data" className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-2 sm:items-start">
      <TextInput name="title" label={t("progressReport.evidence.title")} />
      <FileField result={mine} />
      <div>
        <Button type="submit" variant="secondary">{t("progressReport.action.upload")}</Button>
      </div>
    </ZodForm>
  );
}

function ReviewPanel({ data, actionData }: { data: ReportData; actionData?: ActionResult | null }) {
  const t = useT();
  const defaults = { version: String(data.report.version), comments: Object.fromEntries(REPORT_SECTIONS.map((s) => [s, ""])) };
  return (
    <Section title={t("progressReport.review.heading")}>
      <p className="mb-3 text-sm text-slate-700">{t("progressReport.review.hint")}</p>
      <ZodForm schema={ReturnReportSchema} defaults={defaults} actionData={actionData} className="space-y-3">
        <HiddenField name="version" />
        {REPORT_SECTIONS.map((s) => (
          <TextArea key={s} name={`comments.${s}`} label={t("progressReport.comment.label", { section: t(`progressReport.section.${s}`) })} rows={2} />
        ))}
        <Button type="submit" name="intent" value="return" variant="secondary">{t("progressReport.action.return")}</Button>
      </ZodForm>
      <Form method="post" className="mt-4">
        <input type="hidden" name="version" value={data.report.version} />
        <Button type="submit" name="intent" value="approve">{t("progressReport.action.approve")}</Button>
      </Form>
    </Section>
  );
}

function ReopenPanel({ data, actionData }: { data: ReportData; actionData?: ActionResult | null }) {
  const t = useT();
  return (
    <Section title={t("progressReport.action.reopen")}>
      <p className="mb-3 text-sm text-slate-700">{t("progressReport.reopen.hint")}</p>
      <ZodForm schema={ReopenReportSchema} defaults={{ version: String(data.report.version), reason: "" }} actionData={actionData} className="space-y-3">
        <HiddenField name="version" />
        <TextArea name="reason" label={t("progressReport.reopen.label")} rows={2} />
        <Button type="submit" name="intent" value="reopen" variant="secondary">{t("progressReport.action.reopen")}</Button>
      </ZodForm>
    </Section>
  );
}
