import { useEffect, useRef, useState } from "react";
import { useField, useFieldIds, type ActionResult } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { ACCEPT_ATTRIBUTE, ACCEPTED_FILE_TYPES_KEY, MAX_UPLOAD_BYTES } from "~/utils/labels-document";

// The document form's file input, apart from the form so a page with only an
// upload (a progress report's evidence) does not load the whole document form.

/**
 * The file input. It is not part of the zod schema (the server streams the
 * file to disk while parsing the body), but its error comes back with the
 * other field errors. A browser never refills a file input, so when the form
 * comes back the user is told to choose the file again.
 */
export function FileField({ result }: { result: ActionResult | null | undefined }) {
  const t = useT();
  const maxMb = MAX_UPLOAD_BYTES / (1024 * 1024);
  const returned = Boolean(result);
  const { error: serverError } = useField("file");
  // With JavaScript, a file past the limit or an empty one is refused as soon as it is chosen.
  const [localError, setLocalError] = useState<string | null>(null);
  const error = localError ?? serverError;
  const { inputId, errorId, hintId } = useFieldIds();
  const input = useRef<HTMLInputElement>(null);
  // Without JavaScript the returned page has an empty file input. With it the
  // input survives the round trip: a refused file is cleared so it cannot be
  // sent again by mistake, while a good file stays chosen when only another
  // field needed fixing.
  const [chosen, setChosen] = useState(false);
  useEffect(() => {
    setLocalError(null);
    if (result?.errors?.file && input.current) {
      input.current.value = "";
      setChosen(false);
    }
  }, [result]);
  return (
    <div className="sm:col-span-2">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {t("documents.form.file")}
        <span className="text-red-700"> *</span>
      </label>
      <input
        ref={input}
        id={inputId}
        type="file"
        name="file"
        accept={ACCEPT_ATTRIBUTE}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          const problem = !file
            ? null
            : file.size > MAX_UPLOAD_BYTES
              ? t("documents.upload.tooLargeMb", { mb: maxMb })
              : file.size === 0
                ? t("documents.upload.empty")
                : null;
          if (problem) e.currentTarget.value = "";
          setLocalError(problem);
          setChosen(Boolean(file) && !problem);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? errorId : null, hintId].filter(Boolean).join(" ")}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:text-sm file:font-medium ${
          error ? "border-red-600" : "border-slate-300"
        }`}
      />
      <p id={hintId} className="mt-1 text-xs text-slate-600">
        {returned && !chosen ? <strong className="font-semibold text-slate-800">{t("documents.form.chooseAgain")}</strong> : null}
        {t("documents.form.accepted", { mb: maxMb, types: t(ACCEPTED_FILE_TYPES_KEY) })}
      </p>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
