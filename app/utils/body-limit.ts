// The largest body the server reads (app/utils/http-body.server.ts), shared with the browser so a
// form that would be refused is stopped before it is sent, with the text still in the field.

export const MAX_BODY_BYTES = 1024 * 1024

/** "1 MB", "300 KB": a size as people read it. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / (1024 * 1024)
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
  }
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

export const BODY_LIMIT_TEXT = sizeText(MAX_BODY_BYTES)

/** What the server answers a body past the limit with (413). */
export const TOO_LARGE_MESSAGE = `The request is too large (limit ${BODY_LIMIT_TEXT}).`

/** The bytes a form takes as the browser sends it (application/x-www-form-urlencoded; a file by its size). */
export function encodedFormSize(entries: Iterable<[string, unknown]>): number {
  let size = 0
  let count = 0
  for (const [name, value] of entries) {
    size += (count++ > 0 ? 1 : 0) + encodedLength(name) + 1 + valueSize(value)
  }
  return size
}

const valueSize = (value: unknown) =>
  typeof value === 'string'
    ? encodedLength(value)
    : value && typeof value === 'object' && 'size' in value
      ? Number(value.size)
      : encodedLength(String(value))

// The length of encodeURIComponent(text) with spaces as "+", counted without building the string.
function encodedLength(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (
      (c >= 0x30 && c <= 0x39) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      c === 0x2a ||
      c === 0x2d ||
      c === 0x2e ||
      c === 0x5f ||
      c === 0x20
    )
      n += 1
    else if (c < 0x80) n += 3
    else if (c < 0x800) n += 6
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair: one 4-byte character.
      n += 12
      i++
    } else n += 9
    // Line breaks go as CRLF (%0D%0A).
    if (c === 0x0a && (i === 0 || text.charCodeAt(i - 1) !== 0x0d)) n += 3
  }
  return n
}

/** The message for a form that is too large to send, at the field holding most of it. */
export function tooLargeToSend(bytes: number): string {
  return `This is too long to send: the form comes to ${sizeText(bytes)} and the limit is ${BODY_LIMIT_TEXT}. Nothing was sent and your text is still here: shorten it (or split it into two), then try again.`
}

/** Which entry of a form holds most of its bytes (where the too-large message goes). */
export function largestField(entries: Iterable<[string, unknown]>): string | null {
  let best: string | null = null
  let bestSize = -1
  for (const [name, value] of entries) {
    const size = valueSize(value)
    if (size > bestSize) [best, bestSize] = [name, size]
  }
  return best
}

/** The path ("options.2.explanation") of the longest text in a structure, as the scenario editor names its fields. */
export function longestTextPath(value: unknown, path: string[] = []): { path: string; length: number } | null {
  if (typeof value === 'string') return { path: path.join('.'), length: value.length }
  if (!value || typeof value !== 'object') return null
  let best: { path: string; length: number } | null = null
  for (const [key, child] of Object.entries(value)) {
    const found = longestTextPath(child, [...path, key])
    if (found && (!best || found.length > best.length)) best = found
  }
  return best
}
