import { programmeChildWhere, programmeWhere, type Scope } from "~/auth/scope.server";
import type { Locale } from "~/i18n/locales";
import { inReaderLanguage } from "~/i18n/narrative";
import { prisma } from "~/utils/db.server";

// Issue 20: "Keep for offline use" on a programme. Which pages of one
// programme a person needs in the field, as the pages they may open: the
// browser fetches each (as that person) into the account's page cache.
// Scoped like every list: a programme outside the scope is null (404), and
// only the scope's live activities and deliverables are named.

export type OfflinePages = { code: string; title: string; page: string; urls: string[] };

/**
 * Staff: the programme page, the forms to record a new activity in it and to
 * attach a photo or document to it, each live activity's page and edit form,
 * each live deliverable's page and edit form. A partner: the programme's progress page and each of its
 * deliverables' update page (the portal's). A donor: the programme page.
 */
export async function programmeOfflinePages(scope: Scope, staff: boolean, code: string, locale: Locale): Promise<OfflinePages | null> {
  const stored = await prisma.programme.findFirst({
    // programmeWhere: archived programmes are staff's only.
    where: { AND: [programmeWhere(scope), { code }] },
    select: { id: true, code: true, title: true, lang: true, translations: true },
  });
  if (!stored) return null;
  const programme = inReaderLanguage(stored, locale);
  const live = { programmeId: programme.id, archivedAt: null };
  const encoded = encodeURIComponent(programme.code);
  if (scope.kind === "partner") {
    const deliverables = await prisma.deliverable.findMany({
      where: { AND: [programmeChildWhere(scope, "deliverable"), live] },
      select: { id: true },
      orderBy: { dueDate: "asc" },
    });
    const page = `/portal/programmes/${encoded}`;
    return { code: programme.code, title: programme.title, page, urls: [page, ...deliverables.map((d) => `/portal/deliverables/${d.id}`)] };
  }
  const page = `/programmes/${encoded}`;
  if (!staff) return { code: programme.code, title: programme.title, page, urls: [page] };
  const [activities, deliverables] = await Promise.all([
    prisma.activity.findMany({ where: { AND: [programmeChildWhere(scope, "activity"), live] }, select: { id: true }, orderBy: { startsOn: { sort: "desc", nulls: "last" } } }),
    prisma.deliverable.findMany({ where: { AND: [programmeChildWhere(scope, "deliverable"), live] }, select: { id: true }, orderBy: { dueDate: "asc" } }),
  ]);
  return {
    code: programme.code,
    title: programme.title,
    page,
    urls: [
      page,
      `/activities/new?programme=${programme.id}`,
      `/documents/new?programme=${programme.id}`,
      ...activities.flatMap((a) => [`/activities/${a.id}`, `/activities/${a.id}/edit`]),
      ...deliverables.flatMap((d) => [`/deliverables/${d.id}`, `/deliverables/${d.id}/edit`]),
    ],
  };
}
