import { useWatch } from "react-hook-form";
import { TextInput } from "~/components/form/fields";
import { useT } from "~/i18n/context";
import { PROVIDER_ACTIVITY_KINDS, RECEIVER_ACTIVITY_KINDS } from "~/schemas/funding";

/**
 * The other publishers' IATI activities a line names (issue 17, traceability):
 * the funder's for money coming in, the receiver's for money going out. Each
 * is shown for its kinds, before a kind is chosen (so the form works without
 * JavaScript), and while it holds a value (so a kind that does not take it
 * shows why, rather than the value vanishing).
 */
export function TraceabilityFields() {
  const t = useT();
  const [kind, provider, receiver] = useWatch({ name: ["kind", "providerActivityId", "receiverActivityId"] }) as (string | undefined)[];
  const show = (kinds: readonly string[], value: string | undefined) => !kind || kinds.includes(kind) || Boolean(value);
  const fields = [
    { name: "providerActivityId", visible: show(PROVIDER_ACTIVITY_KINDS, provider), label: t("iatiFields.funding.providerActivityId"), hint: t("iatiFields.funding.providerActivityIdHint") },
    { name: "receiverActivityId", visible: show(RECEIVER_ACTIVITY_KINDS, receiver), label: t("iatiFields.funding.receiverActivityId"), hint: t("iatiFields.funding.receiverActivityIdHint") },
  ];
  return (
    <>
      {fields.map((f) => (f.visible ? <TextInput key={f.name} name={f.name} label={f.label} hint={f.hint} className="sm:col-span-2" /> : null))}
    </>
  );
}
