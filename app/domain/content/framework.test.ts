import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { competencyIds, parseFramework } from './framework'

const shipped = fs.readFileSync(path.resolve(import.meta.dirname, '../../../content/framework.yaml'), 'utf8')

describe('the shipped framework', () => {
  const framework = parseFramework(shipped)

  it('has the two pillars: the customer-service basics and the client-service steps', () => {
    expect(framework.pillars.map((p) => p.id)).toEqual(['customer-service-basics', 'client-service-steps'])
  })

  it('covers the mission, empowerment, probing, conversations without a sale, useful information and extraordinary help', () => {
    expect(competencyIds(framework)).toEqual(
      expect.arrayContaining([
        'knows-the-mission',
        'empowered-to-help',
        'conversations-without-a-sale',
        'probing-for-the-real-need',
        'useful-information',
        'extraordinary-help',
      ]),
    )
    expect(competencyIds(framework)).toHaveLength(8)
  })

  it('says what "ready" looks like for every competency', () => {
    for (const c of framework.pillars.flatMap((p) => p.competencies)) expect(c.ready.length).toBeGreaterThan(20)
  })
})

describe('parseFramework refuses a broken file with the path of each problem', () => {
  it('names a duplicated id', () => {
    const broken = shipped.replace('id: empowered-to-help', 'id: knows-the-mission')
    expect(() => parseFramework(broken)).toThrow(/pillars\.0\.competencies\.1\.id: The id "knows-the-mission" is used twice/)
  })

  it('names a missing field and a bad id', () => {
    const broken = shipped.replace(/\n {8}ready: Puts the mission[^\n]*/, '').replace('id: useful-information', 'id: Useful Info')
    expect(() => parseFramework(broken)).toThrow(/pillars\.0\.competencies\.0\.ready[\s\S]*pillars\.1\.competencies\.2\.id: Use lower-case/)
  })

  it('names invalid YAML', () => {
    expect(() => parseFramework('pillars: [unclosed', 'x.yaml')).toThrow(/x\.yaml: not valid YAML/)
  })
})
