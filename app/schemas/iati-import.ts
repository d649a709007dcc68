import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { checkbox, id } from "./fields";

// The IATI import's forms (issue 17, point 9), shared by the browser and the
// action. The chosen activity travels with the form as its own XML (see
// docs/decisions/0034-iati-import.md): the server parses it again, with the
// same limits as an uploaded file, before anything is written.

/** An activity's XML as the preview carries it; the file limit bounds it. */
const activityXml = z
  .string({ required_error: m("iatiImport.v.activity"), invalid_type_error: m("iatiImport.v.activity") })
  .min(1, m("iatiImport.v.activity"))
  .max(20 * 1024 * 1024, m("iatiImport.file.tooLarge", { max: "20 MB" }));

/** Each organisation of the file: "new" (create it, or use the one with its identifier) or the id of an existing one. */
const OrganisationChoice = z.object({
  key: z.string().max(400),
  link: z.string().trim().max(40).regex(/^[A-Za-z0-9_-]*$/, m("validation.chooseItem")).default("new"),
});

export const IatiImportCreateSchema = z.object({
  activityXml,
  code: z
    .string({ required_error: m("validation.enter", { label: "@programmeEdit.v.code" }) })
    .trim()
    .min(1, m("validation.enter", { label: "@programmeEdit.v.code" }))
    .max(40, m("programmeEdit.v.codeLength"))
    .transform((s) => s.toUpperCase()),
  organisations: z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(OrganisationChoice).max(500)),
});
export type IatiImportCreate = z.infer<typeof IatiImportCreateSchema>;

export const IatiImportLinkSchema = z.object({
  activityXml,
  fundingLineId: id("iatiImport.v.fundingLine"),
  /** Also record the file's reporting organisation identifier as the provider's IATI identifier. */
  setProviderRef: checkbox(),
});
export type IatiImportLink = z.infer<typeof IatiImportLinkSchema>;

export const IatiImportSourceSchema = z.object({
  url: z
    .string({ required_error: m("iatiImport.url.invalid") })
    .trim()
    .min(1, m("iatiImport.url.invalid"))
    .max(2000, m("iatiImport.url.invalid"))
    .regex(/^https?:\/\//i, m("iatiImport.url.scheme")),
});
