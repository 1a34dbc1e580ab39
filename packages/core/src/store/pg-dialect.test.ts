import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, type TestDatabase, testDialects } from './testing.ts'

const onPostgres = testDialects().includes('postgres')

describe.runIf(onPostgres)('PostgreSQL introspection for migrations', () => {
  let t: TestDatabase
  let admin: pg.Client
  beforeAll(async () => {
    t = await openTestDatabase('postgres')
    admin = new pg.Client({ connectionString: process.env.SMSDESK_TEST_PG })
    await admin.connect()
  })
  afterAll(async () => {
    await admin.end()
    await t.close()
  })

  it("lists only this schema's tables, not another schema's", async () => {
    const other = `other_${randomBytes(6).toString('hex')}`
    await admin.query(`create schema ${other}; create table ${other}.stranger (id int)`)
    try {
      const tables = await t.db.introspection.getTables({ withInternalKyselyTables: true })
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(t.db)
      expect(tables.map((x) => x.name)).toContain('kysely_migration')
      expect(tables.every((x) => x.schema === rows[0]?.s)).toBe(true)
      expect(tables.some((x) => x.name === 'stranger')).toBe(false)
    } finally {
      await admin.query(`drop schema ${other} cascade`)
    }
  })

  it('keeps answering while other schemas are created and dropped (parallel test files, removed tenants)', async () => {
    let churning = true
    const churn = (async () => {
      while (churning) {
        const name = `churn_${randomBytes(6).toString('hex')}`
        await admin.query(`create schema ${name}; create table ${name}.t (id serial primary key)`)
        await admin.query(`drop schema ${name} cascade`)
      }
    })()
    try {
      for (let i = 0; i < 150; i++) await t.db.introspection.getTables({ withInternalKyselyTables: true })
    } finally {
      churning = false
      await churn
    }
  })
})
