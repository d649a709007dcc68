import { useLocation } from "@remix-run/react";
import { createContext, useContext, useRef } from "react";

// The post/redirect/get notice of this page (see app/utils/flash.server.ts):
// the root loader reads it from the flash cookie, root.tsx provides it here,
// and the page that knows the code shows its text (Notice, PortalNotice, the
// admin pages).

export const NoticeContext = createContext<string | null>(null);

/** The notice code for this page, or null. */
export function useNotice(): string | null {
  return useContext(NoticeContext);
}

/**
 * The root loader's notice, for the navigation it arrived with only. Remix
 * does not run the root loader again on a plain link click, so its data (and
 * the notice in it) would otherwise stay on every page visited after; the
 * notice belongs to the location that was current when it arrived.
 */
export function useArrivedNotice(notice: { code: string; id: string } | null | undefined): string | null {
  const location = useLocation();
  const arrived = useRef<{ id: string; key: string } | null>(null);
  if (notice && arrived.current?.id !== notice.id) arrived.current = { id: notice.id, key: location.key };
  return notice && arrived.current?.key === location.key ? notice.code : null;
}
