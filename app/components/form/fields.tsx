import type { ReactNode } from "react";
import { useT } from "~/i18n/context";
import { useField, useFieldIds } from "./zod-form";

// Inputs bound to the surrounding <ZodForm>. Each shows its label, hint and
// error, and renders its initial value into the HTML (forms work without JS).

type Common = { name: string; label: string; hint?: string; required?: boolean; className?: string };

function Label({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-800">
      {label}
      {required ? <span className="text-red-700"> *</span> : null}
    </label>
  );
}

function Help({ hintId, errorId, hint, error }: { hintId: string; errorId: string; hint?: string; error?: string }) {
  return (
    <>
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
    </>
  );
}

const inputClass = (error?: string) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 ${
    error ? "border-red-600" : "border-slate-300"
  }`;

function describedBy(hint: string | undefined, error: string | undefined, hintId: string, errorId: string) {
  return [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
}

export function TextInput({
  name,
  label,
  hint,
  required,
  className,
  type = "text",
  inputMode,
  placeholder,
  lang,
}: Common & { type?: "text" | "date" | "email" | "number" | "url"; inputMode?: "numeric" | "decimal"; placeholder?: string; lang?: string }) {
  const { registration, error, initial, required: schemaRequired } = useField(name);
  const { inputId, errorId, hintId } = useFieldIds();
  return (
    <div className={className}>
      <Label htmlFor={inputId} label={label} required={required ?? schemaRequired} />
      <input
        id={inputId}
        type={type}
        inputMode={inputMode}
        placeholder={placeholder}
        lang={lang}
        defaultValue={initial === undefined || initial === null ? "" : String(initial)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint, error, hintId, errorId)}
        className={inputClass(error)}
        {...registration}
      />
      <Help hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}

/** `lang`: the language the text is written in, where it is not the page's (a translation). */
export function TextArea({ name, label, hint, required, className, rows = 4, lang }: Common & { rows?: number; lang?: string }) {
  const { registration, error, initial, required: schemaRequired } = useField(name);
  const { inputId, errorId, hintId } = useFieldIds();
  return (
    <div className={className}>
      <Label htmlFor={inputId} label={label} required={required ?? schemaRequired} />
      <textarea
        id={inputId}
        rows={rows}
        lang={lang}
        defaultValue={initial === undefined || initial === null ? "" : String(initial)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint, error, hintId, errorId)}
        className={inputClass(error)}
        {...registration}
      />
      <Help hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}

export type Option = { value: string; label: string };

export function Select({
  name,
  label,
  hint,
  required,
  className,
  options,
  placeholder = "—",
}: Common & { options: Option[]; placeholder?: string | null }) {
  const { registration, error, initial, required: schemaRequired } = useField(name);
  const { inputId, errorId, hintId } = useFieldIds();
  return (
    <div className={className}>
      <Label htmlFor={inputId} label={label} required={required ?? schemaRequired} />
      <select
        id={inputId}
        defaultValue={initial === undefined || initial === null ? "" : String(initial)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint, error, hintId, errorId)}
        className={inputClass(error)}
        {...registration}
      >
        {placeholder !== null ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Help hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}

export function CheckboxGroup({ name, label, hint, options, className }: Common & { options: Option[] }) {
  const t = useT();
  const { registration, error, initial } = useField(name);
  const { errorId, hintId } = useFieldIds();
  const checked = new Set(Array.isArray(initial) ? initial.map(String) : initial ? [String(initial)] : []);
  return (
    <fieldset className={className} aria-describedby={describedBy(hint, error, hintId, errorId)}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <Help hint={hint} error={undefined} hintId={hintId} errorId={errorId} />
      {options.length === 0 ? <p className="mt-1 text-sm text-slate-600">{t("common.form.nothingToChoose")}</p> : null}
      <div className="mt-2 grid grid-cols-1 max-h-64 gap-1 overflow-y-auto sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-[24px] items-start gap-2 text-sm">
            <input type="checkbox" value={o.value} defaultChecked={checked.has(o.value)} className="mt-0.5 h-4 w-4" {...registration} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function Checkbox({ name, label, hint, className }: Common) {
  const { registration, error, initial } = useField(name);
  const { inputId, errorId, hintId } = useFieldIds();
  return (
    <div className={className}>
      <label htmlFor={inputId} className="flex min-h-[24px] items-center gap-2 text-sm font-medium text-slate-800">
        <input
          id={inputId}
          type="checkbox"
          value="on"
          defaultChecked={initial === true || initial === "on" || initial === "true"}
          className="h-4 w-4"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hint, error, hintId, errorId)}
          {...registration}
        />
        {label}
      </label>
      <Help hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}

export function HiddenField({ name }: { name: string }) {
  const { registration, initial } = useField(name);
  return <input type="hidden" defaultValue={initial === undefined || initial === null ? "" : String(initial)} {...registration} />;
}

export function FormSection({ title, children, description }: { title: string; description?: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5">
      <legend className="px-1 text-base font-semibold">{title}</legend>
      {description ? <p className="mb-3 text-sm text-slate-600">{description}</p> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}
