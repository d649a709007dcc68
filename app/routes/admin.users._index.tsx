import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAdmin } from "~/auth/auth.server";
import { ROLE_LABELS } from "~/auth/permissions";
import { USER_COLUMNS } from "~/components/admin/user-columns";
import { DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { listUsers, USER_LIST } from "~/models/user-admin.server";
import { optionsFrom } from "~/utils/labels-extra";
import { USER_STATUS_LABELS } from "~/utils/labels-admin";
import { parseListQuery } from "~/utils/list-query";

export const meta: MetaFunction = () => [{ title: "Users · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const query = parseListQuery(new URL(request.url).searchParams, USER_LIST);
  const { rows, total } = await listUsers(query);
  return json({ rows, total, query });
}

const NOTICES: Record<string, { tone: "ok" | "warn"; text: string }> = {
  invited: { tone: "ok", text: "Invitation sent. The link works once, for 7 days." },
  "invite-unsent": {
    tone: "warn",
    text: "The invitation was saved but the e-mail could not be sent. Check the mail settings, then open the invitation and choose “Send the link again”.",
  },
  revoked: { tone: "ok", text: "Invitation revoked: its link no longer works." },
};

const STATUS_TONE = { ACTIVE: "green", INVITED: "blue", INVITATION_EXPIRED: "amber", DEACTIVATED: "red" } as const;

export default function Users() {
  const { rows, total, query } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("notice") ?? ""];
  const filters: FilterDef[] = [
    { kind: "select", name: "role", label: "Role", options: optionsFrom(ROLE_LABELS) },
    { kind: "select", name: "status", label: "Status", options: optionsFrom(USER_STATUS_LABELS) },
  ];
  return (
    <div className="space-y-4">
      {notice ? (
        <div
          role="status"
          className={`rounded-md border p-3 text-sm ${notice.tone === "ok" ? "border-green-300 bg-green-50 text-green-900" : "border-amber-400 bg-amber-50 text-amber-950"}`}
        >
          {notice.text}
        </div>
      ) : null}
      <ListHeader
        title="Users"
        description="Accounts and pending invitations: who may sign in, with which role, and what they see."
        actions={<ActionLink to="/admin/users/invite">Invite a user</ActionLink>}
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel="Search names and e-mail addresses" />
      <DataTable
        caption="Users and pending invitations"
        columns={USER_COLUMNS}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          name: (r) => (
            <Link to={`/admin/users/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {r.name || r.email}
            </Link>
          ),
          status: (r) => <Badge tone={STATUS_TONE[r.status]}>{USER_STATUS_LABELS[r.status]}</Badge>,
          mfa: (r) => (r.kind === "invitation" ? "—" : r.mfa ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>),
        }}
        empty={
          query.q || Object.keys(query.filters).length ? (
            <>
              No user matches these filters. <Link to="?" className="text-brand-700 underline">Clear the filters</Link>.
            </>
          ) : (
            <>
              No users yet. <Link to="/admin/users/invite" className="text-brand-700 underline">Invite the first one</Link>.
            </>
          )
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
