import { useMemo } from "react";
import { FormSection, Select } from "~/components/form/fields";
import { useT } from "~/i18n/context";
import type { MessageKey, Translator } from "~/i18n/translate";
import { iatiCodeChoices, iatiCodeName, type IatiDefaultField } from "~/schemas/iati-fields";

const FIELDS: { name: IatiDefaultField; label: MessageKey; hint?: MessageKey }[] = [
  { name: "iatiAidType", label: "iatiFields.programme.aidType", hint: "iatiFields.programme.aidTypeHint" },
  { name: "iatiFlowType", label: "iatiFields.programme.flowType" },
  { name: "iatiFinanceType", label: "iatiFields.programme.financeType" },
  { name: "iatiTiedStatus", label: "iatiFields.programme.tiedStatus" },
  { name: "iatiCollaborationType", label: "iatiFields.programme.collaborationType" },
];

/**
 * The programme's IATI defaults (issue 17): one select per codelist, "D02 —
 * Other technical assistance". Names are IATI's own (English); the codes are
 * what the file carries. Always one chosen: a new programme starts with the
 * technical-cooperation defaults.
 */
export function IatiClassificationFields() {
  const t = useT();
  const options = useMemo(
    () =>
      Object.fromEntries(
        FIELDS.map((f) => [f.name, iatiCodeChoices(f.name).map((c) => ({ value: c.code, label: t("iatiFields.codeOption", { code: c.code, name: c.name }) }))]),
      ),
    [t],
  );
  return (
    <FormSection title={t("iatiFields.programme.section")} description={t("iatiFields.programme.sectionHelp")}>
      {FIELDS.map((f) => (
        <Select
          key={f.name}
          name={f.name}
          label={t(f.label)}
          hint={f.hint ? t(f.hint) : undefined}
          options={options[f.name]}
          placeholder={null}
          className={f.name === "iatiAidType" ? "sm:col-span-2" : undefined}
        />
      ))}
    </FormSection>
  );
}

/** The programme's IATI defaults as facts of its page ("Default aid type: D02 — Other technical assistance"). */
export function iatiClassificationFacts(t: Translator, p: Record<IatiDefaultField, string>): [string, string][] {
  return FIELDS.map((f) => [t(f.label), t("iatiFields.codeOption", { code: p[f.name], name: iatiCodeName(f.name, p[f.name]) ?? "?" })]);
}
