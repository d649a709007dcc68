import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { decimalProblem } from "./fields";

// Issue 17's activity coordinates, in a module of their own: the activity
// schema (and through it the outcome and progress report schemas) needs this
// without the IATI codelists of ./iati-fields, which would add about 3 kB of
// JavaScript to every page that validates an activity or an outcome.

/**
 * A coordinate in decimal degrees (WGS84, IATI location/point/pos), kept as a
 * string so it reaches Decimal(9,6) exactly: up to 6 decimals, within `limit`.
 */
export const optionalCoordinate = (which: "latitude" | "longitude") => {
  const label = `iatiFields.v.${which}`;
  const limit = which === "latitude" ? 90 : 180;
  return z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? (v.trim() === "" ? undefined : v.trim().replace(",", ".").replace(/^\+/, "").replace(/^−/, "-")) : v),
    z
      .string({ invalid_type_error: m("validation.number", { label: `@${label}` }) })
      .superRefine((s, ctx) => {
        const problem =
          decimalProblem(s, label, { before: 3, after: 6 }, m("validation.number", { label: `@${label}` })) ??
          (Math.abs(Number(s)) > limit ? m(which === "latitude" ? "iatiFields.v.latitudeRange" : "iatiFields.v.longitudeRange") : null);
        if (problem) ctx.addIssue({ code: "custom", message: problem, fatal: true });
      })
      // "37.342200" and "37.3422" are the same place: stored and compared in one form.
      .transform((s) => String(Number(s)))
      .optional(),
  );
};
