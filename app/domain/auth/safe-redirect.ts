/** A same-site relative path to go to after sign-in; anything else (other hosts, `//x`, `\x`) gives `fallback`. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.includes('\\')) return fallback
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u001f]/.test(to)) return fallback
  try {
    const url = new URL(to, 'http://same.invalid')
    if (url.host !== 'same.invalid') return fallback
  } catch {
    return fallback
  }
  return to
}
