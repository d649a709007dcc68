import { Link } from "@remix-run/react";
import { useT } from "~/i18n/context";
import { AccountCard } from "./password-form";

// What someone sees when an invitation or reset link cannot be used, and what to do next.
// Messages "auth.gone.<kind>.<state>.title" and ".body".

type State = "expired" | "used" | "unknown";

export function LinkGone({ kind, state }: { kind: "invitation" | "reset"; state: State }) {
  const t = useT();
  return (
    <AccountCard title={t(`auth.gone.${kind}.${state}.title`)}>
      <p className="text-slate-700">{t(`auth.gone.${kind}.${state}.body`)}</p>
      <p className="mt-4 flex flex-wrap gap-4 text-sm">
        <Link to="/sign-in" className="font-medium text-brand-700 underline">
          {t("auth.gone.signIn")}
        </Link>
        <Link to="/forgot-password" className="font-medium text-brand-700 underline">
          {kind === "reset" ? t("auth.gone.newLink") : t("auth.gone.forgot")}
        </Link>
      </p>
    </AccountCard>
  );
}
