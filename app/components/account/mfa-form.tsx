import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useId, useRef, type FormEvent } from "react";
import { useForm } from "react-hook-form";
import type { ZodTypeAny } from "zod";
import { useT } from "~/i18n/context";

// A one-field form for the MFA steps (a code, a recovery code, or the
// password to confirm a change). Like ZodForm it is a plain <Form> that works
// without JavaScript and, with it, validates with the same zod schema as the
// action before submitting the form's own data; unlike ZodForm it has no
// "things need fixing before this can be saved" summary, which reads oddly
// over a single code field: the message sits under the field.

type Kind = "totp" | "recovery" | "proof";

export function MfaForm({
  schema,
  name,
  label,
  kind,
  hidden,
  submitLabel,
  busyLabel,
  serverError,
  initial = "",
  className = "space-y-4",
}: {
  schema: ZodTypeAny;
  name: string;
  label: string;
  kind: Kind;
  hidden: Record<string, string>;
  submitLabel: string;
  busyLabel?: string;
  serverError?: string | null;
  /** What the user typed, shown again after the server refused it (never a password). */
  initial?: string;
  className?: string;
}) {
  const t = useT();
  const { register, handleSubmit, formState } = useForm({
    resolver: zodResolver(schema),
    defaultValues: { ...hidden, [name]: initial },
    mode: "onSubmit",
  });
  const submit = useSubmit();
  const navigation = useNavigation();
  const ref = useRef<HTMLFormElement>(null);
  const id = useId();
  const errorId = `${id}-error`;
  const clientError = (formState.errors[name] as { message?: string } | undefined)?.message;
  // Schemas and the server give messages for translation.
  const error = clientError ?? serverError ? t.text(clientError ?? serverError) : undefined;

  // After the server refuses a code, put the cursor back in the field.
  useEffect(() => {
    if (serverError) ref.current?.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.focus();
  }, [serverError, name]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    void handleSubmit(() => submit(ref.current!, { method: "post" }))(event);
  };
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === hidden.intent;

  return (
    <Form ref={ref} method="post" noValidate onSubmit={onSubmit} className={className}>
      {Object.keys(hidden).map((key) => (
        <input key={key} type="hidden" defaultValue={hidden[key]} {...register(key)} />
      ))}
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <input
          id={id}
          type={kind === "proof" ? "password" : "text"}
          inputMode={kind === "totp" ? "numeric" : undefined}
          autoComplete={kind === "totp" ? "one-time-code" : kind === "proof" ? "current-password" : "off"}
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={initial}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={`mt-1 block w-full rounded-md border px-3 py-2 font-mono text-base tracking-wider shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 ${
            error ? "border-red-600" : "border-slate-300"
          } ${kind === "totp" ? "max-w-[12rem]" : ""}`}
          {...register(name)}
        />
        {error ? (
          <p id={errorId} role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        disabled={busy}
        className="inline-flex min-h-[2.5rem] items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:bg-slate-400"
      >
        {busy ? (busyLabel ?? t("auth.mfa.checking")) : submitLabel}
      </button>
    </Form>
  );
}
