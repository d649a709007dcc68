import type { LoaderFunctionArgs } from "@remix-run/node";
import { hasPublishedProgrammes } from "~/models/iati-publication.server";
import { getPublisher } from "~/models/publisher.server";
import { publicActivityChunks } from "~/reports/iati-public.server";
import { fileNotFound } from "~/utils/file-response.server";
import { publicXmlResponse } from "~/utils/public-file.server";
import { withDomainErrors } from "~/utils/respond.server";

// GET /iati/activities.xml: the public IATI activity file, for anyone (no
// sign-in): the programmes staff marked for publication, nothing else. The
// stable URL the IATI Registry is given. Before the publisher settings are
// entered, or while no programme is published, there is nothing to publish
// (404): the schema wants at least one iati-activity in a file.
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const publisher = await getPublisher();
  if (!publisher || !(await hasPublishedProgrammes())) return fileNotFound(request);
  return publicXmlResponse(request, () => publicActivityChunks(publisher));
});
