import { Section } from "~/components/records/record-parts";
import { dateTime } from "~/components/portal/feedback";

type Feedback = {
  acknowledgedAt: string | null;
  acknowledgedBy: { name: string; email: string } | null;
  comments: { id: string; body: string; createdAt: string; author: { name: string } }[];
};

/** Staff's read-only view of a partner's acknowledgement and comments on an outcome or deliverable. */
export function PartnerFeedback({ record }: { record: Feedback }) {
  return (
    <Section title="Partner acknowledgement and comments">
      <p className="text-sm">
        {record.acknowledgedAt ? (
          <>
            <span className="font-medium">Acknowledged</span>
            {record.acknowledgedBy ? ` by ${record.acknowledgedBy.name} (${record.acknowledgedBy.email})` : ""} on{" "}
            <time dateTime={record.acknowledgedAt}>{dateTime(record.acknowledgedAt)}</time>
          </>
        ) : (
          <span className="text-slate-600">Not yet acknowledged by the partner.</span>
        )}
      </p>
      <h3 className="mt-4 text-sm font-semibold text-slate-700">Comments ({record.comments.length})</h3>
      {record.comments.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No comments from partners.</p>
      ) : (
        <ul className="mt-2 space-y-3 text-sm">
          {record.comments.map((c) => (
            <li key={c.id} className="border-l-2 border-slate-200 pl-3">
              <p className="text-slate-600">
                {c.author.name} · <time dateTime={c.createdAt}>{dateTime(c.createdAt)}</time>
              </p>
              <p className="whitespace-pre-line break-words">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
