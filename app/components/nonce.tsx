// The per-request CSP nonce, handed from the server entry to the root's <Scripts> and
// <ScrollRestoration>. On the client it is empty: browsers hide nonces from the DOM.
import { createContext, useContext } from 'react'

const NonceContext = createContext('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
