import type { LoaderFunctionArgs } from 'react-router'
import { exportPersonalData } from '~/models/personal-data.server'
import { requireAdmin } from '~/utils/auth.server'

/** Everything stored about a person, as a JSON download (for an access request). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const data = await exportPersonalData(params.id ?? '')
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="personal-data-${data.person.id}.json"`,
    },
  })
}
