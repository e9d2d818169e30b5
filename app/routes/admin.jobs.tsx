import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from 'react-router'
import { Form, useLoaderData, useNavigation } from 'react-router'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SubmitButton } from '~/components/ui/field'
import { useDateFormat } from '~/components/use-dates'
import { MAX_ATTEMPTS } from '~/domain/schedule/slots'
import { JOBS, jobOverview, runJobNow } from '~/models/jobs.server'
import { requireAdmin } from '~/utils/auth.server'
import { env } from '~/utils/env.server'
import { parseSubmission, replyInvalid } from '~/utils/forms'
import { redirectWithToast } from '~/utils/toast.server'

export const meta: MetaFunction = () => [{ title: 'Scheduled jobs · Mission Ready' }]

const RunSchema = z.object({
  intent: z.literal('run', { error: 'That action is not available here.' }),
  job: z.enum(
    JOBS.map((j) => j.name),
    { error: 'There is no such job.' },
  ),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  return { ...(await jobOverview()), scheduler: env().SCHEDULER }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const submission = parseSubmission(await request.formData(), RunSchema)
  if (submission.status !== 'success') return replyInvalid(submission)
  const outcome = await runJobNow(submission.value.job, admin.user.id)
  const title = JOBS.find((j) => j.name === submission.value.job)!.title
  return redirectWithToast(
    '/admin/jobs',
    outcome.outcome === 'succeeded'
      ? { description: `${title}: done.` }
      : { type: 'error', description: `${title} failed; the error is below. The schedule goes on as before.` },
  )
}

const STATUS = {
  succeeded: { label: 'Succeeded', badge: 'done' },
  failed: { label: 'Failed', badge: 'overdue' },
  running: { label: 'Running', badge: 'due-soon' },
} as const

export default function Jobs() {
  const { jobs, zone, scheduler } = useLoaderData<typeof loader>()
  const dateTime = useDateFormat('dateTime')
  const navigation = useNavigation()
  const runningJob = navigation.state !== 'idle' ? navigation.formData?.get('job') : null
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Scheduled jobs</h1>
          <p>
            {scheduler === 'on'
              ? `The server does this work by itself at these local times (${zone}), once however many app processes run. A run that fails is tried again after 5 and then 10 minutes.`
              : `The server’s scheduler is off (SCHEDULER=off): run npm run daily once a day from cron. Times below are what the scheduler would use (${zone}).`}
          </p>
        </div>
      </div>
      <div className="table-wrap">
        <table className="jobs-table">
          <caption className="visually-hidden">Scheduled jobs and their last runs</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">When</th>
              <th scope="col">Last run</th>
              <th scope="col">Next</th>
              <th scope="col">
                <span className="visually-hidden">Run now</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => {
              const last = j.last
              return (
                <tr key={j.name}>
                  <th scope="row">
                    {j.title}
                    <br />
                    <span className="muted small job-description">{j.description}</span>
                  </th>
                  <td>{j.schedule}</td>
                  <td>
                    {last ? (
                      <>
                        <span className={`badge ${STATUS[last.status].badge}`}>{STATUS[last.status].label}</span>{' '}
                        {dateTime.format(new Date(last.startedAt))}
                        {last.slot.startsWith('manual') ? ' (run by hand)' : ''}
                        {last.attempt > 1 ? ` · attempt ${last.attempt} of ${MAX_ATTEMPTS}` : ''}
                        <br />
                        <span className="muted small">
                          {last.status === 'failed'
                            ? `${last.error}${last.retryAt ? ` · tried again at ${dateTime.format(new Date(last.retryAt))}` : ' · no more tries for this slot'}`
                            : last.summary}
                        </span>
                      </>
                    ) : (
                      <span className="badge upcoming">Not run yet</span>
                    )}
                  </td>
                  <td>{dateTime.format(new Date(j.nextDueAt))}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="run" />
                      <input type="hidden" name="job" value={j.name} />
                      <SubmitButton
                        className="secondary nowrap"
                        busy={runningJob === j.name}
                        busyLabel="Running…"
                        aria-label={`Run now: ${j.title}`}
                      >
                        Run now
                      </SubmitButton>
                    </Form>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
