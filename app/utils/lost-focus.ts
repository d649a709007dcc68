import { useNavigationType } from "@remix-run/react";
import { useEffect, type RefObject } from "react";

/**
 * Gives the focus to `ref`'s element when it appears (or `key` changes) and
 * the focus has been lost to the page's body — because the control that had
 * it (a submit button, a row's button, a form) went away with the action's
 * answer. Remix moves no focus on a client-side navigation, so a keyboard
 * user would otherwise start again from the top of the page (WCAG 2.4.3).
 * Never takes the focus from an element that still holds it, and by default
 * not on a page's first load or the browser's back and forward (POP), where
 * the browser places the focus itself.
 */
export function useFocusIfLost(ref: RefObject<HTMLElement>, options: { onLoad?: boolean; key?: unknown } = {}) {
  const type = useNavigationType();
  const { onLoad = false, key } = options;
  useEffect(() => {
    const active = document.activeElement;
    if ((onLoad || type !== "POP") && ref.current && (!active || active === document.body)) ref.current.focus();
    // Only on arrival: later renders of the same element leave the focus alone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
