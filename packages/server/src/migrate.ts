/** `npm run migrate`: applies pending database migrations and exits, for deployments that migrate before starting. */
import { openDatabase, pendingMigrations } from '@smsdesk/core'
import { ConfigError, loadConfig } from './config.ts'
import { loadDotEnv } from './env-file.ts'

loadDotEnv()
try {
  const config = loadConfig(process.env)
  const store = await openDatabase({ url: config.database, migrate: false })
  try {
    const pending = await pendingMigrations(store.db, store.dialect)
    await store.close()
    const migrated = await openDatabase({ url: config.database })
    await migrated.close()
    process.stdout.write(
      pending.length === 0
        ? `smsdesk: the ${config.databaseKind} database is up to date.\n`
        : `smsdesk: applied ${pending.length} migration(s) to the ${config.databaseKind} database: ${pending.join(', ')}\n`,
    )
  } finally {
    await store.close()
  }
} catch (err) {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : `smsdesk: migration failed: ${err instanceof Error ? err.message : String(err)}`}\n`,
  )
  process.exit(1)
}
