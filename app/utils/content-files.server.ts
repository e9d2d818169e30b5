import fs from 'node:fs'
import path from 'node:path'
import type { ContentFile } from '~/domain/content/curriculum'
import { parseFramework, type Framework } from '~/domain/content/framework'

export const CONTENT_DIR = path.resolve(import.meta.dirname, '..', '..', 'content')

/** Every file under content/, with paths relative to it (forward slashes). */
export function readContentFiles(dir = CONTENT_DIR): ContentFile[] {
  const out: ContentFile[] = []
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name)
      if (entry.isDirectory()) walk(full)
      else out.push({ path: path.relative(dir, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') })
    }
  }
  walk(dir)
  return out
}

export function readShippedFramework(dir = CONTENT_DIR): Framework {
  return parseFramework(fs.readFileSync(path.join(dir, 'framework.yaml'), 'utf8'), 'content/framework.yaml')
}
