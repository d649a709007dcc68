import { json } from "@remix-run/node";
import { requestTranslator } from "~/i18n/request.server";
import { runAction } from "./action.server";
import { redirectWithNotice } from "./flash.server";

/**
 * The action behind every record page's Archive / Restore / Delete buttons
 * (LifecycleActions): archive and restore come back to the record with a
 * notice; delete goes to `afterDelete`, or answers 409 with the message that
 * names what depends on the record.
 */
export async function lifecycleAction(
  request: Request,
  opts: {
    recordUrl: string;
    afterDelete: string;
    archive: (archived: boolean) => Promise<unknown>;
    remove: () => Promise<unknown>;
  },
): Promise<Response> {
  const intent = (await request.formData()).get("intent");
  if (intent === "archive" || intent === "restore") {
    await opts.archive(intent === "archive");
    throw await redirectWithNotice(opts.recordUrl, intent === "archive" ? "archived" : "restored");
  }
  if (intent === "delete") {
    const result = await runAction({}, {}, opts.remove);
    if (!result.ok) return result.response;
    throw await redirectWithNotice(opts.afterDelete, "deleted");
  }
  return json({ formError: (await requestTranslator(request))("common.action.unknown") }, { status: 400 });
}
