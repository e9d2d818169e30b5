import type { LoaderFunctionArgs } from 'react-router'
import { exportPersonalData } from '~/models/personal-data.server'
import { requireAuth } from '~/utils/auth.server'

/** Everything stored about the signed-in person, as a JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAuth(request)
  const data = await exportPersonalData(user.id)
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="my-mission-ready-data.json"',
    },
  })
}
