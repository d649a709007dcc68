import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { userColumns } from "~/components/admin/user-columns";
import {
  DataTable,
  ListHeader,
  ListToolbar,
  Pagination,
  type FilterDef,
} from "~/components/lists/list-view";
import { ActionLink } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { withNodes } from "~/components/ui/rich-text";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import type { MessageKey } from "~/i18n/translate";
import { listUsers, USER_LIST } from "~/models/user-admin.server";
import { parseListQuery } from "~/utils/list-query";
import { useNotice } from "~/utils/notice";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Users · Concord" },
];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const query = parseListQuery(new URL(request.url).searchParams, USER_LIST);
  const [{ rows, total }, t] = await Promise.all([
    listUsers(query),
    requestTranslator(request),
  ]);
  return json({ rows, total, query, title: t("admin.users.metaTitle") });
});

const NOTICES: Record<string, { tone: "ok" | "warn"; text: MessageKey }> = {
  invited: { tone: "ok", text: "admin.notice.invited" },
  revoked: { tone: "ok", text: "admin.notice.revoked" },
};

const STATUS_TONE = {
  ACTIVE: "green",
  INVITED: "blue",
  INVITATION_EXPIRED: "amber",
  DEACTIVATED: "red",
} as const;

export default function Users() {
  const { rows, total, query } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const columns = userColumns(t, fmt);
  const notice = NOTICES[useNotice() ?? ""];
  const filters: FilterDef[] = [
    {
      kind: "select",
      name: "role",
      label: t("admin.col.role"),
      options: t.options("role"),
    },
    {
      kind: "select",
      name: "status",
      label: t("admin.col.status"),
      options: t.options("userStatus"),
    },
  ];
  return (
    <div className="space-y-4">
      {notice ? (
        <div
          role="status"
          className={`rounded-md border p-3 text-sm ${
            notice.tone === "ok"
              ? "border-green-300 bg-green-50 text-green-900"
              : "border-amber-400 bg-amber-50 text-amber-950"
          }`}
        >
          {t(notice.text)}
        </div>
      ) : null}
      <ListHeader
        title={t("admin.users.title")}
        description={t("admin.users.description")}
        actions={
          <>
            <Link to="/admin/tokens" className="self-center text-sm font-medium text-brand-700 underline">
              {t("api.admin.link")}
            </Link>
            <ActionLink to="/admin/users/invite">
              {t("admin.users.invite")}
            </ActionLink>
          </>
        }
      />
      <ListToolbar
        q={query.q}
        filters={filters}
        values={query.filters}
        searchLabel={t("admin.users.search")}
      />
      <DataTable
        caption={t("admin.users.caption")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          name: (r) => (
            <Link
              to={`/admin/users/${r.id}`}
              className="font-medium text-brand-700 underline-offset-2 hover:underline"
            >
              {r.name || r.email}
            </Link>
          ),
          status: (r) => (
            <Badge tone={STATUS_TONE[r.status]}>
              {t.label("userStatus", r.status)}
            </Badge>
          ),
          mfa: (r) =>
            r.kind === "invitation" ? (
              "—"
            ) : r.mfa ? (
              <Badge tone="green">{t("admin.on")}</Badge>
            ) : (
              <Badge>{t("admin.off")}</Badge>
            ),
        }}
        empty={
          query.q || Object.keys(query.filters).length ? (
            <>
              {withNodes(t("admin.users.emptyFiltered"), {
                link: (
                  <Link to="?" className="text-brand-700 underline">
                    {t("admin.users.clearFilters")}
                  </Link>
                ),
              })}
            </>
          ) : (
            <>
              {withNodes(t("admin.users.empty"), {
                link: (
                  <Link
                    to="/admin/users/invite"
                    className="text-brand-700 underline"
                  >
                    {t("admin.users.inviteFirst")}
                  </Link>
                ),
              })}
            </>
          )
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
