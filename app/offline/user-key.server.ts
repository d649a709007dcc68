import { createHmac } from "node:crypto";
import { derivedSecret } from "~/auth/mfa.server";

// Issue 20: what this device keeps for offline use (cached pages, the outbox)
// is kept per account, under a key the page names in
// <meta name="concord-user">. The key is an HMAC of the user id with a
// secret of its own, so it tells nobody the id and nobody can make another
// account's key; it stays the same across sessions, so an outbox written
// offline is found again after the person signs in anew.

let secret: string | undefined;

/** This account's offline key: 22 URL-safe characters (128 bits). */
export function offlineUserKey(userId: string): string {
  secret ??= derivedSecret("offline-user-key-v1");
  return createHmac("sha256", secret).update(userId).digest("base64url").slice(0, 22);
}
