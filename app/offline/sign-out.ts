import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";

// Issue 20: a sign-out form's onSubmit (with JavaScript): this device's
// offline copy (app/offline/clear.client.ts, loaded only now) is deleted
// before the form is sent. Without JavaScript the form posts as before and
// the answer's Clear-Site-Data header clears the same things.
export function useClearLocalCopyOnSubmit(): (event: FormEvent<HTMLFormElement>) => void {
  const submit = useSubmit();
  return (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const send = () => submit(submitter instanceof HTMLButtonElement ? submitter : form);
    import("~/offline/clear.client").then(({ clearLocalCopy }) => clearLocalCopy()).then(send, send);
  };
}
