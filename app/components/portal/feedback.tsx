import { Form, useNavigation } from "@remix-run/react";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { TextArea } from "~/components/form/fields";
import { CommentFormSchema, COMMENT_MAX } from "~/schemas/comment";

// What a partner can do on an outcome or a deliverable: acknowledge it (once)
// and comment on it. Plain forms posting to the page's action, so both work
// without JavaScript.

export function dateTime(value: string): string {
  return new Date(value).toUTCString().replace(" GMT", " UTC");
}

export function AcknowledgePanel({
  acknowledgedAt,
  acknowledgedBy,
  what,
}: {
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  what: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "acknowledge";
  if (acknowledgedAt) {
    return (
      <p className="text-sm text-slate-800">
        <span className="font-semibold text-green-900">Acknowledged</span>
        {acknowledgedBy ? ` by ${acknowledgedBy}` : ""} on <time dateTime={acknowledgedAt}>{dateTime(acknowledgedAt)}</time>.
      </p>
    );
  }
  return (
    <Form method="post" className="space-y-3">
      <p className="text-sm text-slate-700">
        Acknowledging tells the cooperation centre that your ministry has seen this {what} and takes note of it. It is recorded once, with
        your name and the time.
      </p>
      <button
        type="submit"
        name="intent"
        value="acknowledge"
        disabled={busy}
        className="inline-flex min-h-[2.5rem] items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:bg-slate-400"
      >
        {busy ? "Saving…" : `Acknowledge this ${what}`}
      </button>
    </Form>
  );
}

export type CommentView = { id: string; body: string; createdAt: string; author: { name: string } };

export function CommentList({ comments }: { comments: CommentView[] }) {
  if (comments.length === 0) return <p className="text-sm text-slate-600">No comments yet. Yours will be the first.</p>;
  return (
    <ol className="space-y-3 text-sm">
      {comments.map((c) => (
        <li key={c.id} className="rounded-md border border-slate-200 bg-slate-50 p-3">
          <p className="text-xs text-slate-600">
            <span className="font-medium text-slate-800">{c.author.name}</span> · <time dateTime={c.createdAt}>{dateTime(c.createdAt)}</time>
          </p>
          <p className="mt-1 whitespace-pre-line break-words text-slate-900">{c.body}</p>
        </li>
      ))}
    </ol>
  );
}

export function CommentFormPanel({ actionData }: { actionData?: ActionResult | null }) {
  return (
    <ZodForm schema={CommentFormSchema} defaults={{ body: "" }} actionData={actionData} className="space-y-3">
      <TextArea
        name="body"
        label="Your comment"
        hint={`Up to ${COMMENT_MAX} characters. Staff of the cooperation centre will see it with your name.`}
        required
        rows={4}
      />
      <SubmitButton name="intent" value="comment">
        Post comment
      </SubmitButton>
    </ZodForm>
  );
}

const NOTICES: Record<string, string> = {
  acknowledged: "Thank you. Your acknowledgement has been recorded.",
  commented: "Your comment has been posted.",
};

export function PortalNotice({ notice }: { notice: string | null }) {
  const text = notice ? NOTICES[notice] : undefined;
  if (!text) return null;
  return (
    <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
      {text}
    </div>
  );
}
