import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublisher } from "~/models/publisher.server";
import { organisationXmlChunks } from "~/reports/iati-organisation.server";
import { fileNotFound } from "~/utils/file-response.server";
import { publicXmlResponse } from "~/utils/public-file.server";
import { withDomainErrors } from "~/utils/respond.server";

// GET /iati/organisation.xml: the public IATI organisation file (the centre
// itself: identifier, names, total budget per year, organisation documents),
// for anyone. 404 before the publisher settings are entered.
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const publisher = await getPublisher();
  if (!publisher) return fileNotFound(request);
  return publicXmlResponse(request, () => organisationXmlChunks(publisher));
});
