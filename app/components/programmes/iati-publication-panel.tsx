import { Form } from "@remix-run/react";
import { Facts, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";

/** What the programme page's loader sends (programmePublication, serialised). */
export type PublicationPanelData = {
  published: boolean;
  identifier: string | null;
  nextIdentifier: string | null;
  firstPublishedAt: string | null;
  publisherReady: boolean;
  publicDocuments: number;
};

/**
 * Staff publish a programme to the public IATI file, or withdraw it (posted
 * to the programme page's action, intents iatiPublish / iatiWithdraw). A
 * refusal (no publisher settings, archived) comes back as `error` and is
 * shown next to the button.
 */
export function IatiPublicationPanel({ data, archived, error }: { data: PublicationPanelData; archived: boolean; error?: string | null }) {
  const t = useT();
  const fmt = useFormat();
  const canPublish = data.publisherReady && !archived;
  return (
    // A named region, so the page's landmarks (and tests) find the panel.
    <div role="region" aria-label={t("iatiPublish.panel.title")}>
      <Section title={t("iatiPublish.panel.title")}>
        <div className="space-y-3">
          <p>
            {data.published ? <Badge tone="green">{t("iatiPublish.panel.published")}</Badge> : <Badge>{t("iatiPublish.panel.notPublished")}</Badge>}
          </p>
          <p className="text-sm text-slate-700">{t("iatiPublish.panel.help")}</p>
          <Facts
            items={[
              data.identifier
                ? [t("iatiPublish.panel.identifier"), <code key="id" className="break-all">{data.identifier}</code>]
                : [t("iatiPublish.panel.nextIdentifier"), data.nextIdentifier ? <code key="id" className="break-all">{data.nextIdentifier}</code> : null],
              [t("iatiPublish.panel.firstPublished"), data.firstPublishedAt ? fmt.dateTime(data.firstPublishedAt) : null],
              [t("iatiPublish.panel.publicDocuments"), fmt.number(data.publicDocuments)],
            ]}
          />
          {!data.publisherReady ? <p className="text-sm text-amber-900">{t("iatiPublish.panel.noPublisher")}</p> : null}
          {archived ? <p className="text-sm text-amber-900">{t("iatiPublish.panel.archived")}</p> : null}
          <div className="flex flex-wrap items-center gap-3">
            <Form method="post">
              {data.published ? (
                <button
                  type="submit"
                  name="intent"
                  value="iatiWithdraw"
                  className="min-h-[2.5rem] rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
                >
                  {t("iatiPublish.panel.withdraw")}
                </button>
              ) : (
                <button
                  type="submit"
                  name="intent"
                  value="iatiPublish"
                  disabled={!canPublish}
                  aria-describedby={error ? "iati-publication-error" : undefined}
                  className="min-h-[2.5rem] rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-60"
                >
                  {t("iatiPublish.panel.publish")}
                </button>
              )}
            </Form>
            {data.published ? (
              <a href="/iati/activities.xml" className="text-sm font-medium text-brand-700 underline underline-offset-2">
                {t("iatiPublish.panel.publicFile")}
              </a>
            ) : null}
          </div>
          {error ? (
            <p id="iati-publication-error" role="alert" className="text-sm text-red-800">
              {t.text(error)}
            </p>
          ) : null}
        </div>
      </Section>
    </div>
  );
}
