/** `npm run migrate` on its own, `/readyz`, and two compiled servers starting together on one empty PostgreSQL schema. */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { COMPILED_MAIN, freePort, start, waitForHealth } from './server-process.ts'

const MIGRATE = [...COMPILED_MAIN.slice(0, -1), 'packages/server/dist/migrate.js']

async function output(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const proc = start(MIGRATE, env)
  const code = await proc.exited
  return { code, out: proc.stdout.join('') + proc.stderr.join('') }
}

describe('npm run migrate', () => {
  it('applies the migrations once, then finds nothing to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-migrate-'))
    try {
      const first = await output({ DATA_DIR: dir })
      expect(first.code).toBe(0)
      expect(first.out).toMatch(/applied \d+ migration\(s\) to the sqlite database: 2026-11-25-initial/)
      const again = await output({ DATA_DIR: dir })
      expect(again).toEqual({ code: 0, out: 'smsdesk: the sqlite database is up to date.\n' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('says which variable is wrong, in one line', async () => {
    const bad = await output({ DATABASE_URL: 'mysql://nope' })
    expect(bad.code).toBe(1)
    expect(bad.out.trim()).toBe(
      'Configuration error: DATABASE_URL must be a postgres:// or postgresql:// URL',
    )
  })
})

describe('/readyz of a server that does not migrate at start-up', () => {
  it('is ready once `npm run migrate` has run: database, migrations and dispatcher', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-ready-'))
    const port = await freePort()
    const env = { DATA_DIR: dir, PORT: String(port), MIGRATE_ON_START: '0', LOG_LEVEL: 'silent' }
    expect((await output({ DATA_DIR: dir })).code).toBe(0)
    // Migrated now, so the server can bootstrap; readiness then reports every part.
    const server = start(COMPILED_MAIN, env)
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, server)
      const res = await fetch(`http://127.0.0.1:${port}/readyz`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({
        status: 'ready',
        database: 'ok',
        migrations: 'ok',
        dispatcher: 'running',
      })
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})

const PG = process.env.SMSDESK_TEST_PG?.trim()

describe.skipIf(!PG)('two servers starting together on one empty PostgreSQL schema', () => {
  it('migrate one after the other (advisory lock) and both become ready', async () => {
    const schema = `t_${randomBytes(8).toString('hex')}`
    const admin = new pg.Client({ connectionString: PG })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    const url = new URL(PG!)
    url.searchParams.set('options', `-c search_path=${schema}`)
    const servers = await Promise.all(
      [0, 1].map(async () => {
        const port = await freePort()
        return {
          port,
          proc: start(COMPILED_MAIN, {
            DATABASE_URL: url.toString(),
            PORT: String(port),
            LOG_LEVEL: 'silent',
            BOOTSTRAP_API_KEY: `smsd_${'M'.repeat(32)}`,
          }),
        }
      }),
    )
    try {
      for (const s of servers) {
        await waitForHealth(`http://127.0.0.1:${s.port}`, s.proc)
        const ready = await fetch(`http://127.0.0.1:${s.port}/readyz`)
        expect(ready.status).toBe(200)
      }
      const { rows } = await admin.query(`select name from ${schema}.kysely_migration order by name`)
      const names = rows.map((r: { name: string }) => r.name)
      expect(new Set(names).size).toBe(names.length)
      expect(names).toContain('2026-11-25-initial')
    } finally {
      for (const s of servers) s.proc.child.kill('SIGTERM')
      await Promise.all(servers.map((s) => s.proc.exited))
      await admin.query(`drop schema if exists ${schema} cascade`)
      await admin.end()
    }
  }, 90_000)
})
