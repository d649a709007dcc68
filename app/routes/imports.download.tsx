import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/auth.server";
import { requestTranslator } from "~/i18n/request.server";
import { editableFileResponse } from "~/imports/export.server";
import { IMPORT_KINDS, requireImportKind } from "~/imports/registry.server";
import { parseListQuery } from "~/utils/list-query";
import { withDomainErrors } from "~/utils/respond.server";

// The download for editing (ADR 0042): /imports/download?of=activities&format=xlsx
// with the list page's own filters; &empty=1 for the template alone. Staff only.
// ("of", not "kind": the activities list has a filter named kind; without it, the first kind.)
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const url = new URL(request.url);
  const kind = requireImportKind(url.searchParams.get("of") ?? IMPORT_KINDS[0].name);
  const query = parseListQuery(url.searchParams, kind.list.spec);
  const t = await requestTranslator(request);
  return editableFileResponse(kind, scope, query, {
    format: url.searchParams.get("format") === "csv" ? "csv" : "xlsx",
    empty: url.searchParams.get("empty") === "1",
    t,
  });
});
