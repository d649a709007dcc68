import { formatUtcDateTime } from "~/utils/format";
import { Form, useNavigation } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { TextArea } from "~/components/form/fields";
import { useT } from "~/i18n/context";
import { CommentFormSchema, COMMENT_MAX } from "~/schemas/comment";
import { useNotice } from "~/utils/notice";

// What a partner can do on an outcome or a deliverable: acknowledge it (once)
// and comment on it. Plain forms posting to the page's action, so both work
// without JavaScript.


/**
 * A translated message with some of its placeholders as elements: each
 * placeholder in `nodes` is given to the translator as a marker, and the
 * text is split at the markers.
 */
export function richText(text: (marks: Record<string, string>) => string, nodes: Record<string, ReactNode>): ReactNode {
  const names = Object.keys(nodes);
  const marks = Object.fromEntries(names.map((name, i) => [name, `\u0002${i}\u0003`]));
  const parts = text(marks).split(/\u0002(\d+)\u0003/);
  return parts.map((part, i) => <Fragment key={i}>{i % 2 === 1 ? nodes[names[Number(part)]] : part}</Fragment>);
}

export function AcknowledgePanel({
  acknowledgedAt,
  acknowledgedBy,
  what,
}: {
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  what: "outcome" | "deliverable";
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "acknowledge";
  if (acknowledgedAt) {
    const nodes = {
      status: <span className="font-semibold text-green-900">{t("portal.acknowledged")}</span>,
      time: <time dateTime={acknowledgedAt}>{formatUtcDateTime(acknowledgedAt, t.locale)}</time>,
    };
    return (
      <p className="text-sm text-slate-800">
        {acknowledgedBy
          ? richText((m) => t("portal.ack.doneBy", { ...m, name: acknowledgedBy }), nodes)
          : richText((m) => t("portal.ack.done", m), nodes)}
      </p>
    );
  }
  return (
    <Form method="post" className="space-y-3">
      <p className="text-sm text-slate-700">{what === "outcome" ? t("portal.ack.explainOutcome") : t("portal.ack.explainDeliverable")}</p>
      <button
        type="submit"
        name="intent"
        value="acknowledge"
        disabled={busy}
        className="inline-flex min-h-[2.5rem] items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:bg-slate-400"
      >
        {busy ? t("common.form.saving") : what === "outcome" ? t("portal.ack.buttonOutcome") : t("portal.ack.buttonDeliverable")}
      </button>
    </Form>
  );
}

export type CommentView = { id: string; body: string; createdAt: string; author: { name: string } };

export function CommentList({ comments }: { comments: CommentView[] }) {
  const t = useT();
  if (comments.length === 0) return <p className="text-sm text-slate-600">{t("portal.comments.none")}</p>;
  return (
    <ol className="space-y-3 text-sm">
      {comments.map((c) => (
        <li key={c.id} className="rounded-md border border-slate-200 bg-slate-50 p-3">
          <p className="text-xs text-slate-600">
            <span className="font-medium text-slate-800">{c.author.name}</span> · <time dateTime={c.createdAt}>{formatUtcDateTime(c.createdAt, t.locale)}</time>
          </p>
          <p className="mt-1 whitespace-pre-line break-words text-slate-900">{c.body}</p>
        </li>
      ))}
    </ol>
  );
}

export function CommentFormPanel({ actionData }: { actionData?: ActionResult | null }) {
  const t = useT();
  return (
    <ZodForm schema={CommentFormSchema} defaults={{ body: "" }} actionData={actionData} className="space-y-3">
      <TextArea
        name="body"
        label={t("portal.comments.label")}
        // The limit as a plain string: "2000", as the hint has always said.
        hint={t("portal.comments.hint", { max: String(COMMENT_MAX) })}
        required
        rows={4}
      />
      <SubmitButton name="intent" value="comment">
        {t("portal.comments.post")}
      </SubmitButton>
    </ZodForm>
  );
}

const NOTICES = {
  acknowledged: "portal.notice.acknowledged",
  commented: "portal.notice.commented",
} as const;

/** The confirmation after acknowledging or commenting (the flash notice). */
export function PortalNotice() {
  const t = useT();
  const notice = useNotice();
  const key = notice && Object.prototype.hasOwnProperty.call(NOTICES, notice) ? NOTICES[notice as keyof typeof NOTICES] : undefined;
  if (!key) return null;
  return (
    <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
      {t(key)}
    </div>
  );
}
