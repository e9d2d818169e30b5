// People in bulk from a CSV file: invite everyone in it, or deactivate the leavers it names. A
// preview writes nothing; applying checks the file again inside one transaction (so another import
// or invite that got there first is seen) and writes every row or none. Invite mails go after commit.
import { emailOf, nameOf } from '~/domain/audit/summary'
import { generateToken, hashToken } from '~/domain/auth/tokens'
import { startOfDay, today } from '~/domain/calendar/dates'
import { DomainError } from '~/domain/errors'
import { checkImport, type ImportPreview } from '~/domain/people/import'
import { checkLeavers, type LeaversPreview } from '~/domain/people/leavers'
import {
  decodePeopleFile,
  emailsIn,
  fileTooLarge,
  MAX_PEOPLE_FILE_BYTES,
  normalisedText,
  parsePeopleCsv,
} from '~/domain/people/people-file'
import { ROLES, type Role, type Viewer } from '~/domain/permissions/permissions'
import { db, type Tx } from '~/utils/db.server'
import { newId } from '~/utils/id.server'
import { INVITE_TTL_MS, inviteMail, queueMails } from './account.server'
import { assignDefaultPath } from './learning.server'
import { lockAdminRoster } from './user.server'
import { getTimeZone } from './organisation.server'

/** A people file that cannot be applied: the reason, and the file's preview as it now stands when there is one. */
export class ImportFileError extends DomainError {
  constructor(
    message: string,
    readonly preview: ImportPreview | null = null,
  ) {
    super(409, message)
  }
}

/** A leavers file that cannot be applied, as ImportFileError. */
export class LeaversFileError extends DomainError {
  constructor(
    message: string,
    readonly preview: LeaversPreview | null = null,
  ) {
    super(409, message)
  }
}

// A big file is one transaction: give it time (2,000 learners each get their onboarding path).
const BULK_TRANSACTION = { timeout: 120_000, maxWait: 30_000 }

const isUniqueViolation = (error: unknown) =>
  !!error && typeof error === 'object' && 'code' in error && (error as { code: unknown }).code === 'P2002'

const RACE_MESSAGE =
  'Someone with one of these email addresses was added while this ran (another import or an invite). Nothing was changed: check the file again to see who.'

async function importPreviewIn(client: Tx | typeof db, text: string, day: string): Promise<ImportPreview> {
  const parsed = parsePeopleCsv(text)
  if (!parsed.ok) return parsed
  const teams = await client.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } })
  const existing = await client.user.findMany({ where: { email: { in: emailsIn(parsed.table) } }, select: { email: true, status: true } })
  return checkImport(parsed.table, { teams, existing: new Map(existing.map((u) => [u.email, { status: u.status }])), today: day })
}

/** What importing this file would do, row by row, with every problem named. Writes nothing. */
export async function previewPeopleImport(text: string, now = new Date()) {
  return importPreviewIn(db, text, today(await getTimeZone(), now))
}

function problemSummary(preview: { withProblems: number; problems: number }) {
  const rows = preview.withProblems === 1 ? '1 row has' : `${preview.withProblems} rows have`
  return `Nothing was changed: ${rows} a problem. Correct the file and upload it again.`
}

/**
 * Invites everyone in the file in one transaction (people, teams, onboarding paths, invite links,
 * audit events), or nobody when any row has a problem; then queues the invite mails.
 */
export async function applyPeopleImport(actor: Viewer, text: string, now = new Date()) {
  const zone = await getTimeZone()
  let invited: { id: string; email: string; name: string; role: Role; token: string }[]
  try {
    invited = await db.$transaction(async (tx) => {
      const preview = await importPreviewIn(tx, text, today(zone, now))
      if (!preview.ok) throw new ImportFileError(preview.problem, preview)
      if (preview.withProblems > 0) throw new ImportFileError(problemSummary(preview), preview)
      const rows = preview.rows.map((r) => ({ ...r, id: newId(), token: generateToken(), start: startOfDay(r.startDate, zone) }))
      await tx.user.createMany({
        data: rows.map((r) => ({
          id: r.id,
          email: r.email,
          name: r.name,
          nameSearch: r.name.toLowerCase(),
          role: r.role,
          status: 'invited',
          startDate: r.start,
        })),
      })
      await tx.membership.createMany({ data: rows.flatMap((r) => r.teams.map((t) => ({ userId: r.id, teamId: t.id }))) })
      await tx.oneTimeToken.createMany({
        data: rows.map((r) => ({
          purpose: 'invite',
          tokenHash: hashToken(r.token),
          userId: r.id,
          createdById: actor.id,
          expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
        })),
      })
      await assignDefaultPath(
        tx,
        rows.filter((r) => r.role === 'learner').map((r) => ({ userId: r.id, startDate: r.start })),
      )
      const byRole = ROLES.flatMap((role) => {
        const n = rows.filter((r) => r.role === role).length
        return n > 0 ? [`${n} ${role}`] : []
      })
      await tx.auditEvent.createMany({
        data: [
          ...rows.map((r) => ({
            actorId: actor.id,
            action: 'person.invited',
            subject: `user:${r.id}`,
            summary: `Invited ${nameOf(r.id)} (${emailOf(r.id)}) as ${r.role}, from a file`,
          })),
          {
            actorId: actor.id,
            action: 'people.imported',
            subject: 'people',
            summary: `Invited ${rows.length} ${rows.length === 1 ? 'person' : 'people'} from a file (${byRole.join(', ')})`,
          },
        ],
      })
      return rows
    }, BULK_TRANSACTION)
  } catch (error) {
    if (isUniqueViolation(error)) throw new ImportFileError(RACE_MESSAGE)
    throw error
  }
  const org = await db.organisation.findUnique({ where: { id: 'default' }, select: { name: true } })
  queueMails(
    invited.map((r) => inviteMail({ email: r.email, name: r.name, role: r.role, token: r.token, organisation: org?.name ?? null })),
  )
  return { invited: invited.length }
}

async function leaversPreviewIn(client: Tx | typeof db, viewerId: string, text: string): Promise<LeaversPreview> {
  const parsed = parsePeopleCsv(text)
  if (!parsed.ok) return parsed
  const people = await client.user.findMany({
    where: { email: { in: emailsIn(parsed.table) } },
    select: { id: true, email: true, name: true, role: true, status: true },
  })
  const admins = await client.user.findMany({ where: { role: 'admin', status: 'active' }, select: { id: true } })
  return checkLeavers(parsed.table, {
    people: new Map(people.map((p) => [p.email, p])),
    viewerId,
    activeAdminIds: admins.map((a) => a.id),
  })
}

/** Who deactivating the leavers in this file would sign out for good, row by row. Writes nothing. */
export async function previewLeavers(actor: Viewer, text: string) {
  return leaversPreviewIn(db, actor.id, text)
}

/**
 * Deactivates everyone the file names in one transaction, with the rules of deactivating one
 * person: their sessions and unused links end; never yourself, never the last active admin.
 */
export async function applyLeavers(actor: Viewer, text: string, now = new Date()) {
  const ids = await db.$transaction(async (tx) => {
    await lockAdminRoster(tx)
    const preview = await leaversPreviewIn(tx, actor.id, text)
    if (!preview.ok) throw new LeaversFileError(preview.problem, preview)
    if (preview.withProblems > 0) throw new LeaversFileError(problemSummary(preview), preview)
    const ids = preview.rows.map((r) => r.personId!)
    const { count } = await tx.user.updateMany({
      where: { id: { in: ids }, status: { not: 'deactivated' } },
      data: { status: 'deactivated', deactivatedAt: now },
    })
    // Another admin deactivated one of them since the check: start again rather than count wrong.
    if (count !== ids.length) throw new LeaversFileError(RACE_MESSAGE.replace('was added', 'was changed'))
    await tx.oneTimeToken.deleteMany({ where: { userId: { in: ids }, usedAt: null } })
    await tx.session.deleteMany({ where: { userId: { in: ids } } })
    await tx.auditEvent.createMany({
      data: [
        ...ids.map((id) => ({
          actorId: actor.id,
          action: 'person.deactivated',
          subject: `user:${id}`,
          summary: `Deactivated ${nameOf(id)} (${emailOf(id)}), from a file`,
        })),
        {
          actorId: actor.id,
          action: 'people.deactivated',
          subject: 'people',
          summary: `Deactivated ${ids.length} ${ids.length === 1 ? 'person' : 'people'} from a leavers file`,
        },
      ],
    })
    return ids
  }, BULK_TRANSACTION)
  return { deactivated: ids.length }
}

/** An uploaded people file as text (line ends as \n), or why it cannot be read. */
export async function readPeopleUpload(file: File): Promise<{ ok: true; text: string } | { ok: false; problem: string }> {
  // The size first: a file past the limit is never read into memory.
  if (file.size > MAX_PEOPLE_FILE_BYTES) return { ok: false, problem: fileTooLarge(file.size) }
  const decoded = decodePeopleFile(new Uint8Array(await file.arrayBuffer()))
  return decoded.ok ? { ok: true, text: normalisedText(decoded.text) } : decoded
}
