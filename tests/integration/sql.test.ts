// The statements sent straight to the driver adapter (app/utils/sql.server.ts), on the database the
// run uses: values come back as the Prisma client gives them, and a transaction is all or nothing.
import { describe, expect, it } from 'vitest'
import { Prisma, type ReadinessEstimate } from '~/generated/sqlite/client'
import { db } from '~/utils/db.server'
import { newId } from '~/utils/id.server'
import { sql, viaPrisma } from '~/utils/sql.server'
import { createPerson } from '../factories'

describe('statements sent straight to the driver', () => {
  it('reads dates, booleans and numbers as the Prisma client does, and counts changed rows', async () => {
    const person = await createPerson({ role: 'learner' })
    const occurredAt = new Date('2026-03-04T05:06:07.089Z')
    const id = newId()
    expect(id).toMatch(/^c[0-9a-z]{24}$/)
    const inserted = await sql.execute(Prisma.sql`
      INSERT INTO "Evidence" (id, "userId", "competencyId", kind, score, weight, "redFlag", "occurredAt", "sourceId", "createdAt")
      VALUES (${id}, ${person.id}, ${'probing'}, ${'quiz'}, ${null}, ${1.5}, ${true}, ${occurredAt}, ${'source'}, ${occurredAt})`)
    expect(inserted).toBe(1)

    const [row] = await sql.query<{ score: number | null; weight: number; redFlag: boolean; occurredAt: Date; n: number }>(Prisma.sql`
      SELECT score, weight, "redFlag", "occurredAt", (SELECT COUNT(*) FROM "Evidence" WHERE "userId" = ${person.id}) AS n FROM "Evidence" WHERE id = ${id}`)
    expect(row).toEqual({ score: null, weight: 1.5, redFlag: true, occurredAt, n: 1 })
    // Written in the format the Prisma client writes, so it reads back the same through the client.
    expect(await db.evidence.findUniqueOrThrow({ where: { id } })).toMatchObject({
      occurredAt,
      createdAt: occurredAt,
      redFlag: true,
      score: null,
    })
    expect(await sql.execute(Prisma.sql`UPDATE "Evidence" SET weight = 2 WHERE id = ${'no-such-row'}`)).toBe(0)
  })

  it('commits a transaction that returns, and rolls back one that throws, leaving nothing behind', async () => {
    const person = await createPerson({ role: 'learner' })
    const insert = (id: string) =>
      Prisma.sql`INSERT INTO "Evidence" (id, "userId", "competencyId", kind, weight, "occurredAt", "sourceId", "createdAt")
        VALUES (${id}, ${person.id}, ${'probing'}, ${'check'}, ${1}, ${new Date()}, ${id}, ${new Date()})`
    const count = async () => db.evidence.count({ where: { userId: person.id } })

    expect(await sql.transaction(async (tx) => (await tx.execute(insert(newId()))) + (await tx.execute(insert(newId()))))).toBe(2)
    expect(await count()).toBe(2)

    await expect(
      sql.transaction(async (tx) => {
        await tx.execute(insert(newId()))
        expect(await tx.query<{ n: number }>(Prisma.sql`SELECT COUNT(*) AS n FROM "Evidence" WHERE "userId" = ${person.id}`)).toEqual([
          { n: 3 },
        ])
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(await count()).toBe(2)

    // A statement that fails (a duplicate key) rolls back what the transaction wrote before it.
    const taken = newId()
    await sql.execute(insert(taken))
    await expect(sql.transaction(async (tx) => (await tx.execute(insert(newId()))) + (await tx.execute(insert(taken))))).rejects.toThrow()
    expect(await count()).toBe(3)
    // And the connection is usable afterwards, for the client as much as for statements.
    expect(await sql.query(Prisma.sql`SELECT 1 AS one`)).toEqual([{ one: 1 }])
    expect(await db.user.count({ where: { id: person.id } })).toBe(1)
  })

  it('reads a model’s columns as the model types them, straight to the driver and through the client alike', async () => {
    const person = await createPerson({ role: 'learner' })
    const computedAt = new Date('2026-03-04T05:06:07.089Z')
    await db.readinessEstimate.create({
      data: { userId: person.id, competencyId: 'probing', computedAt, lastEvidenceAt: computedAt, redFlag: true, toDecide: 3, lower: 0.25 },
    })
    const statement = Prisma.sql`SELECT "computedAt", "lastEvidenceAt", "lastRedFlagAt", "redFlag", count, "toDecide", "lower"
      FROM "ReadinessEstimate" WHERE "userId" = ${person.id}`
    type Row = Pick<ReadinessEstimate, 'computedAt' | 'lastEvidenceAt' | 'lastRedFlagAt' | 'redFlag' | 'count' | 'toDecide' | 'lower'>
    const expected: Row = { computedAt, lastEvidenceAt: computedAt, lastRedFlagAt: null, redFlag: true, count: 0, toDecide: 3, lower: 0.25 }
    expect(await sql.query<Row>(statement)).toEqual([expected])
    expect(await viaPrisma(db).query<Row>(statement)).toEqual([expected])
  })
})
