import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { useT } from "~/i18n/context";

// Issue 20: a sign-out form's onSubmit (with JavaScript). When entries are
// still waiting in this account's outbox, the person is asked first
// (app/offline/sign-out.client.ts; cancelling keeps them and stays signed
// in); then this device's offline copy (app/offline/clear.client.ts) is
// deleted before the form is sent. Both modules load only now. Without
// JavaScript the form posts as before and the answer's Clear-Site-Data
// header clears the same things.
export function useClearLocalCopyOnSubmit(): (event: FormEvent<HTMLFormElement>) => void {
  const submit = useSubmit();
  const t = useT();
  return (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const send = () => submit(submitter instanceof HTMLButtonElement ? submitter : form);
    import("~/offline/sign-out.client")
      .then((m) => m.confirmSignOut((count) => t("outbox.signOutWarning", { count })))
      .catch(() => true)
      .then((go) => {
        if (go) import("~/offline/clear.client").then(({ clearLocalCopy }) => clearLocalCopy()).then(send, send);
      });
  };
}
