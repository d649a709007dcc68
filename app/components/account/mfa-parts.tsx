import { Form } from "@remix-run/react";
import { useT } from "~/i18n/context";
import { recoveryCodesText } from "~/schemas/mfa";

// Pieces of the MFA pages: the one-time display of recovery codes, the form
// alert, and a way out (sign out) for a half-authenticated session.

export function RecoveryCodes({
  email,
  codes,
  createdAt,
  continueTo,
}: {
  email: string;
  codes: string[];
  createdAt: string;
  continueTo: string;
}) {
  const t = useT();
  const text = recoveryCodesText(t, email, codes, new Date(createdAt));
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <section aria-labelledby="recovery-codes-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-5">
      <h2 id="recovery-codes-heading" className="text-base font-semibold text-amber-950">
        {t("auth.codes.title")}
      </h2>
      <p className="mt-1 text-sm text-amber-950">
        {t("auth.codes.introBefore")} <strong>{t("auth.codes.introStrong")}</strong>
        {t("auth.codes.introAfter")}
      </p>
      <ol aria-label={t("auth.codes.listLabel")} className="mt-4 grid grid-cols-1 gap-2 font-mono text-base sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code} className="rounded border border-amber-200 bg-white px-3 py-1.5 text-slate-900">
            {code}
          </li>
        ))}
      </ol>
      <div className="mt-4 flex flex-wrap gap-3">
        <a
          href={href}
          download="concord-recovery-codes.txt"
          className="inline-flex min-h-[2.5rem] items-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          {t("auth.codes.download")}
        </a>
        <Form method="post" action="/account/mfa">
          <input type="hidden" name="intent" value="codes-saved" />
          <input type="hidden" name="redirectTo" value={continueTo} />
          <button
            type="submit"
            className="inline-flex min-h-[2.5rem] items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
          >
            {t("auth.codes.saved")}
          </button>
        </Form>
      </div>
    </section>
  );
}

export function FormAlert({ message }: { message: string | null | undefined }) {
  const t = useT();
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {t.text(message)}
    </div>
  );
}

export function SignOutButton({ label }: { label?: string }) {
  const t = useT();
  return (
    <form method="post" action="/sign-out">
      <button type="submit" className="text-sm font-medium text-slate-700 underline hover:text-slate-900">
        {label ?? t("auth.mfa.cancelSignOut")}
      </button>
    </form>
  );
}
