import { useEffect, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Select, type Option } from "./fields";

// A choice that follows another field (an indicator's agreement follows its
// programme). Apart from fields.tsx so that forms without one do not carry it.

/**
 * Another field's value once the page is live (JavaScript running), else
 * undefined. Without JavaScript a choice cannot follow another field, so
 * every option is offered (each naming what it belongs to) and the server
 * refuses a wrong pair.
 */
export function useLiveValue(name: string): string | undefined {
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const value = useWatch({ name }) as unknown;
  return live && typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A select whose options belong to a value of another field (`follows`):
 * once that field has a value and the page is live, only its options are
 * offered, and a choice that no longer fits is cleared.
 */
export function FollowingSelect({
  follows,
  options,
  ...props
}: Omit<Parameters<typeof Select>[0], "options"> & { follows: string; options: (Option & { parent: string })[] }) {
  const { getValues, setValue } = useFormContext();
  const parent = useLiveValue(follows);
  useEffect(() => {
    if (!parent) return;
    const current = getValues(props.name) as unknown;
    if (typeof current === "string" && current !== "" && !options.some((o) => o.value === current && o.parent === parent)) setValue(props.name, "");
    // `options` follow the loader data; `parent` is what changes here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [parent, props.name, getValues, setValue]);
  return <Select {...props} options={parent ? options.filter((o) => o.parent === parent) : options} />;
}
