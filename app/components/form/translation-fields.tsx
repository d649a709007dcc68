import { useT } from "~/i18n/context";
import { NARRATIVE_LOCALES } from "~/utils/narratives";
import { FormSection, TextArea, TextInput } from "./fields";

/**
 * A form section for a record's texts in Russian and Korean (IATI
 * narratives), posted as `translations.<lang>.<field>`. Each of the record's
 * text fields is a group ("Title in other languages") of one input per
 * language, named by the language and marked with it (`lang`), so the
 * record's own "Title" stays the only field of that name.
 */
export function TranslationFields({ fields }: { fields: { name: string; label: string; long?: boolean }[] }) {
  const t = useT();
  return (
    <FormSection title={t("common.translations.heading")} description={t("common.translations.help")}>
      {fields.map((f) => (
        <fieldset key={f.name} className="sm:col-span-2">
          <legend className="text-sm font-semibold text-slate-800">{t("common.translations.group", { field: f.label })}</legend>
          <div className="mt-1 grid grid-cols-1 gap-3 sm:grid-cols-2">
            {NARRATIVE_LOCALES.map((locale) => {
              const name = `translations.${locale}.${f.name}`;
              const label = t(`common.translations.language.${locale}`);
              return f.long ? (
                <TextArea key={name} name={name} lang={locale} label={label} rows={3} />
              ) : (
                <TextInput key={name} name={name} lang={locale} label={label} />
              );
            })}
          </div>
        </fieldset>
      ))}
    </FormSection>
  );
}
