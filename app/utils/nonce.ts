import { createContext, useContext } from "react";

// The Content-Security-Policy nonce of the response being rendered. Set by
// entry.server.tsx; in the browser it is "" (browsers hide nonces anyway).
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
