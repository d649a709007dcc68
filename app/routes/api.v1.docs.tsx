import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { openApiDocument } from "~/api/openapi.server";
import { requireUser } from "~/auth/auth.server";
import { Card } from "~/components/ui/card";
import { useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { PROBLEM_CODES, PROBLEM_TITLE } from "~/utils/api-response.server";

// /api/v1/docs: the browsable API reference for signed-in users (issue 19,
// point 5), rendered on the server from the OpenAPI document itself, so it
// loads nothing from a third-party CDN and runs under the app's CSP. The
// operations' own texts (summaries, descriptions) are the document's, in English.
// Schema names ("Programme") are identifiers, not words: translate="no".

type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};
type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};

const refName = (schema: unknown): string => {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  return ref ? ref.replace("#/components/schemas/", "") : JSON.stringify(schema);
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "API reference · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const t = await requestTranslator(request);
  const doc = openApiDocument() as Doc;
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      id: `${method}-${path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}`,
      method: method.toUpperCase(),
      path,
      summary: op.summary ?? "",
      description: op.description ?? "",
      parameters: (op.parameters ?? []).map((p) => {
        // zod-to-openapi puts a parameter's description in its schema: shown once, as text.
        const { description, ...schema } = (p.schema ?? {}) as { description?: string };
        return { name: p.name, in: p.in, required: Boolean(p.required), description: p.description ?? description ?? "", schema: JSON.stringify(schema) };
      }),
      body: op.requestBody ? Object.entries(op.requestBody.content).map(([type, c]) => ({ type, schema: refName(c.schema) })) : [],
      responses: Object.entries(op.responses).map(([status, r]) => ({
        status,
        description: r.description,
        types: Object.entries(r.content ?? {}).map(([type, c]) => ({ type, schema: refName(c.schema) })),
      })),
    })),
  );
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => ({ name, text: JSON.stringify(schema, null, 2) }));
  const problems = PROBLEM_CODES.map((code) => ({ code, title: t(PROBLEM_TITLE[code]) }));
  return json({ title: t("api.docs.metaTitle"), operations, schemas, problems });
}

const METHOD_TONE: Record<string, string> = {
  GET: "bg-sky-100 text-sky-900",
  POST: "bg-green-100 text-green-900",
  PATCH: "bg-amber-100 text-amber-900",
  DELETE: "bg-red-100 text-red-900",
};

export default function ApiDocs() {
  const { operations, schemas, problems } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <h1 className="text-2xl font-bold">{t("api.docs.title")}</h1>
      <p className="text-sm text-slate-700">{t("api.docs.intro")}</p>
      <p className="text-sm">
        <Link to="/account/tokens" className="font-medium text-brand-700 underline">
          {t("api.docs.tokensLink")}
        </Link>
        {" · "}
        <a href="/api/v1/openapi.json" className="font-medium text-brand-700 underline">
          openapi.json
        </a>
      </p>
      <nav aria-label={t("api.docs.operations")}>
        <ul className="space-y-1 text-sm">
          {operations.map((op) => (
            <li key={op.id}>
              <a href={`#${op.id}`} className="text-brand-700 underline">
                <span className="font-mono">{op.method}</span> <span className="font-mono">{op.path}</span>
              </a>{" "}
              — {op.summary}
            </li>
          ))}
        </ul>
      </nav>
      {operations.map((op) => (
        <section key={op.id} id={op.id} aria-labelledby={`${op.id}-title`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id={`${op.id}-title`} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
            <span className={`rounded px-2 py-0.5 font-mono text-sm ${METHOD_TONE[op.method] ?? "bg-slate-100"}`}>{op.method}</span>
            <span className="font-mono text-base">{op.path}</span>
            <span className="text-base font-normal text-slate-700">{op.summary}</span>
          </h2>
          {op.description ? <p className="mt-2 text-sm text-slate-800">{op.description}</p> : null}
          {op.parameters.length ? (
            <>
              <h3 className="mt-3 text-sm font-semibold">{t("api.docs.parameters")}</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {op.parameters.map((p) => (
                  <li key={`${p.in}-${p.name}`}>
                    <code className="font-mono">{p.name}</code> <span className="text-slate-600">({p.required ? t("api.docs.required", { in: p.in }) : p.in})</span>{" "}
                    <code className="font-mono text-xs text-slate-700">{p.schema}</code> {p.description}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {op.body.length ? (
            <>
              <h3 className="mt-3 text-sm font-semibold">{t("api.docs.requestBody")}</h3>
              <ul className="mt-1 text-sm">
                {op.body.map((b) => (
                  <li key={b.type}>
                    <code className="font-mono">{b.type}</code>: <a href={`#schema-${b.schema}`} translate="no" className="text-brand-700 underline">{b.schema}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3 className="mt-3 text-sm font-semibold">{t("api.docs.responses")}</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {op.responses.map((r) => (
              <li key={r.status}>
                <span className="font-mono font-semibold">{r.status}</span> {r.description}{" "}
                {r.types.map((c) => (
                  <span key={c.type} className="text-slate-700">
                    <code className="font-mono text-xs">{c.type}</code> <a href={`#schema-${c.schema}`} translate="no" className="text-brand-700 underline">{c.schema}</a>{" "}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Card title={t("api.docs.problems")}>
        <p className="text-sm text-slate-800">{t("api.docs.problemsIntro")}</p>
        <ul className="mt-2 space-y-1 text-sm">
          {problems.map((p) => (
            <li key={p.code} id={`problem-${p.code}`}>
              <code className="font-mono">/api/v1/docs#problem-{p.code}</code> — {p.title}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("api.docs.schemas")}>
        {schemas.map((s) => (
          <section key={s.name} id={`schema-${s.name}`} aria-label={s.name} translate="no" className="mt-3">
            <h3 className="font-mono text-sm font-semibold">{s.name}</h3>
            {/* Focusable: a keyboard reader scrolls a long schema with the arrow keys (WCAG 2.1.1). */}
            <pre tabIndex={0} className="mt-1 max-h-96 overflow-auto rounded bg-slate-50 p-2 text-xs focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700">
              {s.text}
            </pre>
          </section>
        ))}
      </Card>
    </div>
  );
}
