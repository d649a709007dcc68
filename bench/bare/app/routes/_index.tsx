import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

// A page of constant data, as large as asked: ?rows=N renders N table rows
// (the bench finds the N that gives a Concord page's HTML size), ?kb=N
// estimates N from the size of one row. Each row travels twice, as markup and
// in the hydration data, as a Concord list's rows do.

const ROW = {
  code: "PRG-0001",
  title: "Strengthening primary health care in the region",
  country: "Uzbekistan",
  status: "ACTIVE",
  budget: 1250000,
};
/** Bytes one row adds to the document (markup + its JSON), measured: the bench checks the real size anyway. */
const BYTES_PER_ROW = 290;
const MAX_ROWS = 20_000;

export const meta: MetaFunction = () => [{ title: "Bare Remix page" }];

export function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const kb = Number(params.get("kb") ?? 0);
  const asked = params.has("rows") ? Number(params.get("rows")) : Math.round((kb * 1000) / BYTES_PER_ROW);
  const count = Math.max(0, Math.min(MAX_ROWS, Number.isFinite(asked) ? Math.floor(asked) : 0));
  const rows = Array.from({ length: count }, (_, i) => ({ ...ROW, id: i + 1 }));
  return json({ rows });
}

export default function Index() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>Bare Remix page</h1>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Code</th>
            <th>Title</th>
            <th>Country</th>
            <th>Status</th>
            <th>Budget</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td>
              <td>{r.code}</td>
              <td>{r.title}</td>
              <td>{r.country}</td>
              <td>{r.status}</td>
              <td>{r.budget}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
