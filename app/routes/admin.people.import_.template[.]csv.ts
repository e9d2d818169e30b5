import type { LoaderFunctionArgs } from 'react-router'
import { today } from '~/domain/calendar/dates'
import { importTemplate } from '~/domain/people/import'
import { getTimeZone } from '~/models/organisation.server'
import { requireAdmin } from '~/utils/auth.server'

/** The people file template: the columns the import reads, and one example row. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  return new Response(importTemplate(today(await getTimeZone())), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="people-template.csv"',
    },
  })
}
