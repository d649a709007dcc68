import { Link } from "@remix-run/react";
import { AccountCard } from "./password-form";

// What someone sees when an invitation or reset link cannot be used, and what to do next.

type State = "expired" | "used" | "unknown";

const TEXT: Record<"invitation" | "reset", Record<State, { title: string; body: string }>> = {
  invitation: {
    expired: {
      title: "This invitation has expired",
      body: "Invitation links work for 7 days. Ask the administrator who invited you to send you a new link.",
    },
    used: {
      title: "This invitation has already been used",
      body: "If you accepted it, sign in with your e-mail address and the password you chose. Otherwise ask the administrator for a new link.",
    },
    unknown: {
      title: "This invitation link does not work",
      body: "It may have been replaced by a newer link, revoked, or copied incompletely. Ask the administrator who invited you to send you a new link.",
    },
  },
  reset: {
    expired: { title: "This link has expired", body: "Password reset links work for one hour. Ask for a new one below." },
    used: { title: "This link has already been used", body: "Each reset link works once. If you did not finish, ask for a new one below." },
    unknown: {
      title: "This link does not work",
      body: "It may have been replaced by a newer link or copied incompletely. Ask for a new one below.",
    },
  },
};

export function LinkGone({ kind, state }: { kind: "invitation" | "reset"; state: State }) {
  const t = TEXT[kind][state];
  return (
    <AccountCard title={t.title}>
      <p className="text-slate-700">{t.body}</p>
      <p className="mt-4 flex flex-wrap gap-4 text-sm">
        <Link to="/sign-in" className="font-medium text-brand-700 underline">
          Sign in
        </Link>
        <Link to="/forgot-password" className="font-medium text-brand-700 underline">
          {kind === "reset" ? "Ask for a new link" : "Forgot your password?"}
        </Link>
      </p>
    </AccountCard>
  );
}
