import type { LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Link, useLoaderData } from 'react-router'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ItemReview, percent } from '~/components/quiz-item'
import { getOrganisation } from '~/models/organisation.server'
import { getAttemptForReplay } from '~/models/quiz.server'
import { getPerson } from '~/models/user.server'
import { requireCanSeePerson } from '~/utils/auth.server'
import { useDateFormat } from '~/components/use-dates'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name ?? 'Person'}: ${data?.attempt.quiz.title ?? 'attempt'} · Mission Ready` },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCanSeePerson(request, params.id ?? '')
  const [person, view, org] = await Promise.all([
    getPerson(params.id ?? ''),
    getAttemptForReplay(params.id ?? '', params.attemptId ?? ''),
    getOrganisation(),
  ])
  if (!person) throw new Response('Not found', { status: 404 })
  return { person: { id: person.id, name: person.name }, attempt: view.attempt, review: view.review ?? [], mission: org.mission }
}

export default function Replay() {
  const dateTime = useDateFormat('dateTime')
  const { person, attempt, review, mission } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <p>
        <Link to={`/people/${person.id}`}>← {person.name}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>
            {person.name}: {attempt.quiz.title}, attempt {attempt.number}
          </h1>
          <p>
            Submitted {dateTime.format(new Date(attempt.submittedAt!))} · score {percent(attempt.score)}. Every choice is shown as it was
            made, beside the best one.
          </p>
        </div>
      </div>
      {review.map((item) => (
        <ItemReview key={item.id} item={item} mission={mission} />
      ))}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
