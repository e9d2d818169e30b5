// For the certificate browser tests, against the e2e server's database (tests/.tmp/e2e.db):
//   ready <email> <module>       full-marks evidence, now, in every competency of the module (and its lessons done)
//   expire-in <email> <days>     moves the person's valid certificates to expire that many days from now
import { certificateTargets } from '~/models/certificates.server'
import { competencyMap, recordEvidence } from '~/models/readiness.server'
import { db } from '~/utils/db.server'

const [command, email, arg] = process.argv.slice(2)
const user = await db.user.findUniqueOrThrow({ where: { email: email! } })
if (command === 'ready') {
  const ids = (await certificateTargets()).modules.find((m) => m.slug === arg)!.competencyIds
  const required = new Map((await competencyMap()).map((c) => [c.id, c.lessonsRequired]))
  const now = new Date()
  await db.$transaction((tx) =>
    recordEvidence(
      tx,
      user.id,
      ids.flatMap((id) => [
        ...Array.from({ length: required.get(id) ?? 0 }, (_, i) => ({
          competencyId: id,
          kind: 'lesson' as const,
          score: null,
          weight: 0,
          occurredAt: now,
          sourceId: `${user.id}:e2e-${id}-${i}`,
        })),
        ...Array.from({ length: 10 }, (_, i) => ({
          competencyId: id,
          kind: 'quiz' as const,
          score: 1,
          weight: 1,
          occurredAt: now,
          sourceId: `e2e-${user.id}-${id}-${i}`,
        })),
      ]),
      now,
    ),
  )
} else if (command === 'expire-in') {
  await db.certificate.updateMany({
    where: { userId: user.id, current: true },
    data: { expiresAt: new Date(Date.now() + Number(arg) * 86_400_000) },
  })
} else {
  throw new Error(`Unknown command ${command}`)
}
await db.$disconnect()
