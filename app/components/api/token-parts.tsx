import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Button } from "~/components/ui/button";
import { useFormat, useT } from "~/i18n/context";
import { useFocusIfLost } from "~/utils/lost-focus";
import type { MessageKey } from "~/i18n/translate";

// The token list of /account/tokens and /admin/tokens, and the one-time
// display of a new token (issue 19, point 6).

export type TokenRowView = {
  id: string;
  name: string;
  prefix: string;
  readOnly: boolean;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  status: "active" | "expired" | "revoked" | "stale";
  user?: { name: string; email: string };
};

const STATUS_KEY: Record<TokenRowView["status"], MessageKey> = {
  active: "api.tokens.status.active",
  expired: "api.tokens.status.expired",
  revoked: "api.tokens.status.revoked",
  stale: "api.tokens.status.stale",
};

// Never wrapped: a Korean label breaks between any two syllables otherwise ("취/소"),
// and a label cut by the viewport's edge no longer matches its accessible name.
const smallButton =
  "min-h-[2.25rem] whitespace-nowrap rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50";

export function TokenTable({ tokens, busy, showOwner = false }: { tokens: TokenRowView[]; busy: boolean; showOwner?: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const th = "py-2 pr-4 font-medium";
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full break-keep text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className={th}>{t("api.tokens.col.name")}</th>
            {showOwner ? <th scope="col" className={th}>{t("api.tokens.col.owner")}</th> : null}
            <th scope="col" className={th}>{t("api.tokens.col.token")}</th>
            <th scope="col" className={th}>{t("api.tokens.col.access")}</th>
            <th scope="col" className={th}>{t("api.tokens.col.created")}</th>
            <th scope="col" className={th}>{t("api.tokens.col.expires")}</th>
            <th scope="col" className={th}>{t("api.tokens.col.lastUsed")}</th>
            <th scope="col" className={th}>{t("api.tokens.col.status")}</th>
            <th scope="col" className={th}>{t("api.tokens.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tok) => (
            <tr key={tok.id} className="border-b border-slate-100 last:border-0">
              <td className="py-2 pr-4 font-medium">{tok.name}</td>
              {showOwner ? (
                <td className="py-2 pr-4">
                  {tok.user?.name} <span className="text-slate-600">({tok.user?.email})</span>
                </td>
              ) : null}
              <td className="py-2 pr-4 font-mono text-xs">{tok.prefix}…</td>
              <td className="py-2 pr-4">{t(tok.readOnly ? "api.tokens.access.readOnly" : "api.tokens.access.readWrite")}</td>
              <td className="py-2 pr-4">{fmt.dateTime(tok.createdAt)}</td>
              <td className="py-2 pr-4">{fmt.dateTime(tok.expiresAt)}</td>
              <td className="py-2 pr-4">{tok.lastUsedAt ? fmt.dateTime(tok.lastUsedAt) : t("api.tokens.never")}</td>
              <td className="py-2 pr-4">{t(STATUS_KEY[tok.status])}</td>
              <td className="py-2 pr-4">
                {tok.status !== "revoked" ? (
                  <Form method="post">
                    <input type="hidden" name="tokenId" value={tok.id} />
                    <button type="submit" name="intent" value="revoke" disabled={busy} className={smallButton} aria-label={t("api.tokens.revokeLabel", { name: tok.name })}>
                      {t("api.tokens.revoke")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The new token, once, with a copy button. */
export function NewTokenPanel({ name, token }: { name: string; token: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setCopied(false), [token]);
  // The form that made it comes back empty (and without the focus): the new token takes it, selected for copying.
  useFocusIfLost(input, { onLoad: true, key: token });
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      // No clipboard permission (an insecure origin): the token is selected for Ctrl+C.
    }
  };
  return (
    <section aria-labelledby="new-token-title" className="rounded-lg border border-brand-100 bg-brand-50 p-4 shadow-sm">
      <h2 id="new-token-title" className="text-lg font-semibold text-slate-900">
        {t("api.tokens.new.title", { name })}
      </h2>
      <p className="mt-1 text-sm text-slate-800">{t("api.tokens.new.once")}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="new-token" className="sr-only">
          {t("api.tokens.new.label")}
        </label>
        <input
          id="new-token"
          ref={input}
          readOnly
          value={token}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
        />
        <Button variant="secondary" onClick={copy}>
          {copied ? t("api.tokens.new.copied") : t("api.tokens.new.copy")}
        </Button>
      </div>
    </section>
  );
}
