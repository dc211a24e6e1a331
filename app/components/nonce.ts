import { createContext, useContext } from "react";

// The CSP nonce of this response, provided by entry.server.tsx. In the browser it is "": the
// browser hides nonces from the DOM once the page has loaded, and scripts are already allowed.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
