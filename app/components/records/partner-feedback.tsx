import { Section } from "~/components/records/record-parts";
import { withNodes } from "~/components/ui/rich-text";
import { formatUtcDateTime } from "~/utils/format";
import { useT } from "~/i18n/context";

type Feedback = {
  acknowledgedAt: string | null;
  acknowledgedBy: { name: string; email: string } | null;
  comments: { id: string; body: string; createdAt: string; author: { name: string } }[];
};

/** Staff's read-only view of a partner's acknowledgement and comments on an outcome or deliverable. */
export function PartnerFeedback({ record }: { record: Feedback }) {
  const t = useT();
  return (
    <Section title={t("common.feedback.title")}>
      <p className="text-sm">
        {record.acknowledgedAt ? (
          withNodes(
            record.acknowledgedBy
              ? t("common.feedback.acknowledgedBy", { name: record.acknowledgedBy.name, email: record.acknowledgedBy.email })
              : t("common.feedback.acknowledgedOn"),
            {
              acknowledged: <span className="font-medium">{t("common.feedback.acknowledged")}</span>,
              time: <time dateTime={record.acknowledgedAt}>{formatUtcDateTime(record.acknowledgedAt, t.locale)}</time>,
            },
          )
        ) : (
          <span className="text-slate-600">{t("common.feedback.notYet")}</span>
        )}
      </p>
      <h3 className="mt-4 text-sm font-semibold text-slate-700">{t("common.feedback.comments", { count: String(record.comments.length) })}</h3>
      {record.comments.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{t("common.feedback.noComments")}</p>
      ) : (
        <ul className="mt-2 space-y-3 text-sm">
          {record.comments.map((c) => (
            <li key={c.id} className="border-l-2 border-slate-200 pl-3">
              <p className="text-slate-600">
                {c.author.name} · <time dateTime={c.createdAt}>{formatUtcDateTime(c.createdAt, t.locale)}</time>
              </p>
              <p className="whitespace-pre-line break-words">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
