import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useLocation, useMatches, useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { createContext, Fragment, useContext, useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { FormProvider, get, useForm, useFormContext, useWatch } from "react-hook-form";
import type { ZodTypeAny } from "zod";
import { fieldLabel, withNodes } from "~/components/ui/rich-text";
import { formatUtcDateTime } from "~/utils/format";
import { useT } from "~/i18n/context";
import { getPath, requiredFields, type FieldErrors, type FormValues } from "~/utils/form";

// One form component for every record form:
// - renders a plain <Form method="post"> whose inputs carry their values in
//   the HTML, so it works with JavaScript off;
// - with JavaScript, react-hook-form validates with the same zod schema the
//   action uses and, when valid, submits the form's own data (so the server
//   sees the same encoding either way);
// - shows the server's field errors (from the action) next to the fields and
//   keeps what the user typed;
// - carries a random `_submission` key, so a double-submitted form saves once
//   (runAction claims the key; see docs/decisions/0007-double-submit.md);
// - offline (issue 20), a valid form goes into the device's outbox instead
//   and is sent later; opened from the outbox (?outbox=<id>), it shows that
//   entry and a save updates it (app/offline, loaded only when needed).

export type ActionResult = {
  errors?: FieldErrors | null;
  values?: FormValues | null;
  formError?: string | null;
  conflict?: ConflictInfo | null;
};

export type ConflictInfo = {
  updatedBy: string | null;
  updatedAt: string | null;
  changes: { field: string; label: string; mine: string; theirs: string }[];
};

type Meta = { values: FormValues; serverErrors: FieldErrors; required: Set<string> };
const MetaContext = createContext<Meta>({ values: {}, serverErrors: {}, required: new Set() });

export function ZodForm({
  schema,
  defaults,
  actionData,
  children,
  action,
  className = "space-y-6",
  encType,
}: {
  schema: ZodTypeAny;
  defaults: FormValues;
  actionData?: ActionResult | null;
  children: ReactNode;
  action?: string;
  className?: string;
  encType?: "multipart/form-data";
}) {
  const t = useT();
  const outbox = useOutboxEntry();
  const result = outbox.entry?.result ?? actionData;
  const values = outbox.entry?.values ?? actionData?.values ?? defaults;
  const methods = useForm({ resolver: zodResolver(schema), defaultValues: values, mode: "onTouched" });
  // Which fields are required follows the schema and what the form holds now
  // (as the page was rendered, then as the user changes it).
  const current = useWatch({ control: methods.control }) as FormValues;
  const requiredKey = JSON.stringify(current);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const required = useMemo(() => requiredFields(schema, current), [schema, requiredKey]);
  const submit = useSubmit();
  const ref = useRef<HTMLFormElement>(null);
  const submission = useSubmissionKey();
  // After the server refuses a save, move focus to its message (or the first
  // invalid field) so it is seen and announced, not left above the fold.
  useEffect(() => {
    if (outbox.entry) methods.reset(outbox.entry.values);
  }, [outbox.entry, methods]);
  useEffect(() => {
    if (!result || !ref.current) return;
    const target = ref.current.querySelector<HTMLElement>('[role="alert"], [aria-invalid="true"]');
    if (target) {
      if (!target.hasAttribute("tabindex") && target.getAttribute("role") === "alert") target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }, [result]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    // A button may skip validation (e.g. "add a row" or "cancel").
    if (submitter?.formNoValidate) return;
    void methods.handleSubmit(async () => {
      // Offline, or editing an entry of the outbox: the outbox keeps the form's data.
      if (outbox.id || navigator.onLine === false) {
        const saved = await outbox.save(ref.current!, submitter).catch(() => false);
        if (saved) return;
      }
      submit(submitter ?? ref.current!, { method: "post", action, encType });
    })(event);
  };
  return (
    <MetaContext.Provider value={{ values, serverErrors: result?.errors ?? {}, required }}>
      <FormProvider {...methods}>
        <Form ref={ref} method="post" action={action} noValidate onSubmit={onSubmit} className={className} encType={encType}>
          <input type="hidden" name="_submission" value={submission.key} data-submission={submission.id} />
          {result?.formError ? (
            <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
              {t.text(result.formError)}
            </div>
          ) : null}
          {result?.conflict ? <ConflictNotice conflict={result.conflict} /> : null}
          <ErrorSummary />
          {/* An entry loaded from the outbox renders the rows it had (a new key remounts the groups). */}
          <Fragment key={outbox.entry ? outbox.id : "page"}>{children}</Fragment>
        </Form>
      </FormProvider>
    </MetaContext.Provider>
  );
}

type OutboxFormEntry = { values: FormValues; result: ActionResult };

/**
 * The outbox side of a form (issue 20): the entry named by ?outbox=<id>, once
 * loaded, and `save`, which keeps the form's data in the outbox (that entry,
 * or a new one) and goes to /outbox. The outbox code is imported only here,
 * when needed, so it stays out of the page's first load.
 */
function useOutboxEntry() {
  const location = useLocation();
  const navigate = useNavigate();
  const routeId = useMatches().at(-1)?.id ?? "";
  const id = new URLSearchParams(location.search).get("outbox");
  const [entry, setEntry] = useState<OutboxFormEntry | null>(null);
  // After hydration, while online: the outbox code, so a save offline finds it there.
  useEffect(() => {
    if (navigator.onLine) void import("~/offline/form-outbox.client").catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!id) return setEntry(null);
    let live = true;
    void import("~/offline/form-outbox.client").then(async (m) => {
      const found = await m.loadOutboxEntry(id);
      if (live) setEntry(found);
    });
    return () => {
      live = false;
    };
  }, [id]);
  const save = async (form: HTMLFormElement, submitter: HTMLButtonElement | null): Promise<boolean> => {
    const m = await import("~/offline/form-outbox.client");
    const saved = await m.saveFormToOutbox({ form, submitter, routeId, outboxId: id });
    if (saved) navigate(`/outbox?saved=${encodeURIComponent(saved)}`);
    return saved !== null;
  };
  return { id, entry, save };
}

function newSubmissionKey(): string {
  const bytes = new Uint8Array(16); // 128 bits
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The form's `_submission` key. The server renders one; on hydration the
 * browser keeps the key already in the page (read from the DOM by this
 * form's useId, which is the same on both sides), so the HTML and React
 * agree. After each navigation (a save that redirected somewhere, even to
 * this same page) the form gets a fresh key, so the next save is new.
 */
function useSubmissionKey(): { id: string; key: string } {
  const id = useId();
  const location = useLocation();
  const [state, setState] = useState(() => {
    const rendered =
      typeof document === "undefined"
        ? null
        : document.querySelector<HTMLInputElement>(`input[data-submission="${CSS.escape(id)}"]`)?.value;
    return { at: location.key, key: rendered && /^[0-9a-f]{32}$/.test(rendered) ? rendered : newSubmissionKey() };
  });
  if (state.at !== location.key) {
    const next = { at: location.key, key: newSubmissionKey() };
    setState(next);
    return { id, key: next.key };
  }
  return { id, key: state.key };
}

function ErrorSummary() {
  const t = useT();
  const { serverErrors } = useContext(MetaContext);
  const entries = Object.entries(serverErrors);
  if (entries.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      <p className="font-semibold">{t("common.form.needsFixing", { count: entries.length })}</p>
    </div>
  );
}

function ConflictNotice({ conflict }: { conflict: ConflictInfo }) {
  const t = useT();
  const who = conflict.updatedBy ?? t("common.form.someoneElse");
  return (
    <div role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950">
      <p className="font-semibold">
        {conflict.updatedAt
          ? t("common.form.conflictAt", {
              who,
              // English as it always was ("Mon, 23 Nov 2026 16:30:56 GMT"). (Intl refuses
              // dateStyle together with timeZoneName, so not that.)
              time: formatUtcDateTime(conflict.updatedAt, t.locale),
            })
          : t("common.form.conflict", { who })}
      </p>
      {conflict.changes.length ? (
        <>
          <p className="mt-1">{t("common.form.theirChanges")}</p>
          <ul className="mt-1 list-disc pl-5">
            {conflict.changes.map((c) => (
              <li key={c.field}>
                {withNodes(t("common.form.change", { mine: t.text(c.mine), theirs: t.text(c.theirs) }), {
                  label: <span className="font-medium">{fieldLabel(t, c.label)}</span>,
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="mt-2">{t("common.form.conflictHelp")}</p>
    </div>
  );
}

/** A value the form was rendered with (the loader's or the posted one), by "a.0.b" path. */
export function useInitialValue(name: string): unknown {
  return getPath(useContext(MetaContext).values, name);
}

/** Registration, error and initial value of one field. */
export function useField(name: string) {
  const t = useT();
  const { register, formState } = useFormContext();
  const { values, serverErrors, required } = useContext(MetaContext);
  const clientError = (get(formState.errors, name) as { message?: string } | undefined)?.message;
  const raw = clientError ?? serverErrors[name];
  // Schemas and actions give messages for translation (see message() in ~/i18n/translate).
  const error = raw ? t.text(raw) : undefined;
  const initial = getPath(values, name);
  return { registration: register(name), error, initial, required: required.has(name) };
}

export function SubmitButton({ children, name, value }: { children: ReactNode; name?: string; value?: string }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={busy}
      className="inline-flex min-h-[2.5rem] items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:bg-slate-400"
    >
      {busy ? t("common.form.saving") : children}
    </button>
  );
}

export function useFieldIds() {
  const id = useId();
  return { inputId: id, errorId: `${id}-error`, hintId: `${id}-hint` };
}
