import { useField, useFieldIds } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { PASSWORD_HINT } from "~/schemas/account";

// Password inputs bound to the surrounding <ZodForm>. Unlike the other inputs
// they never render a value into the HTML: a refused password is typed again.

export function PasswordInput({
  name,
  label,
  hint,
  autoComplete,
}: {
  name: string;
  label: string;
  hint?: string;
  autoComplete: "new-password" | "current-password";
}) {
  const { registration, error } = useField(name);
  const { inputId, errorId, hintId } = useFieldIds();
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {label}
        <span className="text-red-700"> *</span>
      </label>
      <input
        id={inputId}
        type="password"
        autoComplete={autoComplete}
        maxLength={1000}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 ${
          error ? "border-red-600" : "border-slate-300"
        }`}
        {...registration}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** "New password" and "Type it again", with the rules as a hint. */
export function NewPasswordFields({ label }: { label?: string }) {
  const t = useT();
  return (
    <>
      <PasswordInput name="password" label={label ?? t("auth.password.new")} hint={t.text(PASSWORD_HINT)} autoComplete="new-password" />
      <PasswordInput name="confirm" label={t("auth.password.again")} autoComplete="new-password" />
    </>
  );
}

/** The page frame of the account pages reached without signing in (invitation, reset). */
export function AccountCard({ title, intro, children }: { title: string; intro?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="mx-auto mt-10 max-w-md">
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-bold">{title}</h1>
        {intro ? <div className="mt-2 space-y-2 text-sm text-slate-700">{intro}</div> : null}
        <div className="mt-5">{children}</div>
      </div>
    </div>
  );
}
