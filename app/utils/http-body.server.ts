// The body of every request, read by the server before React Router sees it: bytes counted on the stream
// (a chunked upload has no Content-Length to check), and a form's fields counted before anything
// parses it, so no single request can hold the event loop or the memory.
import type express from 'express'
import { MAX_BODY_BYTES, sizeText, TOO_LARGE_MESSAGE } from './body-limit'

export { MAX_BODY_BYTES }
/** The scenario editor, the largest form, sends well under 200 fields; 1,000 leaves room. */
export const MAX_FORM_FIELDS = 1000
export const MAX_FIELD_NAME = 200

export type BodyResult = { ok: true; body: Buffer | undefined } | { ok: false; status: number; message: string }

/** Reads the body up to the limit; past it, stops reading and reports 413. */
export function readBody(req: express.Request, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve({ ok: true, body: undefined })
  const declared = Number(req.get('content-length') ?? 0)
  const tooLarge = {
    ok: false as const,
    status: 413,
    message: limit === MAX_BODY_BYTES ? TOO_LARGE_MESSAGE : `The request is too large (limit ${sizeText(limit)}).`,
  }
  if (declared > limit) return Promise.resolve(tooLarge)
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    const finish = (result: BodyResult) => {
      if (done) return
      done = true
      req.off('data', onData)
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.pause()
        finish(tooLarge)
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.on('end', () => finish({ ok: true, body: Buffer.concat(chunks) }))
    req.on('error', () => finish({ ok: false, status: 400, message: 'The request body could not be read.' }))
    req.on('close', () => finish({ ok: false, status: 400, message: 'The request body was cut off.' }))
  })
}

/**
 * Checks a body's shape before any parser runs: a form (urlencoded or multipart with a boundary)
 * with at most MAX_FORM_FIELDS fields and short field names; an empty body passes (routes
 * read no form then, or refuse the missing fields themselves); anything else is 415.
 */
export function checkForm(contentType: string | undefined, body: Buffer): { status: number; message: string } | undefined {
  if (body.length === 0) return undefined
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/x-www-form-urlencoded') {
    let fields = 1
    let nameLength = 0
    let inName = true
    for (let i = 0; i < body.length; i++) {
      const c = body[i]
      if (c === 0x26) {
        fields++
        inName = true
        nameLength = 0
        if (fields > MAX_FORM_FIELDS) return tooManyFields()
      } else if (c === 0x3d) {
        inName = false
      } else if (inName && ++nameLength > MAX_FIELD_NAME * 3) {
        return longName()
      }
    }
    return undefined
  }
  if (type === 'multipart/form-data') {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '')
    const value = boundary?.[1] ?? boundary?.[2]
    if (!value) return { status: 400, message: 'This form could not be read: a multipart body needs a boundary.' }
    const marker = Buffer.from(`--${value.trim()}`)
    let fields = -1
    for (let at = body.indexOf(marker); at !== -1; at = body.indexOf(marker, at + marker.length)) {
      if (++fields > MAX_FORM_FIELDS) return tooManyFields()
    }
    const names = body.toString('latin1').matchAll(/name="([^"]*)"/g)
    for (const match of names) if (match[1]!.length > MAX_FIELD_NAME) return longName()
    return undefined
  }
  return { status: 415, message: 'This address accepts forms only (application/x-www-form-urlencoded or multipart/form-data).' }
}

const tooManyFields = () => ({ status: 400, message: `This form has too many fields (limit ${MAX_FORM_FIELDS}).` })
const longName = () => ({ status: 400, message: `A field name in this form is too long (limit ${MAX_FIELD_NAME} characters).` })
