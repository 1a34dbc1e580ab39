/** Vitest global setup: says once per run, at the end where it is seen, when the PostgreSQL suite did not run. */
const TEST_PG_ENV = 'SMSDESK_TEST_PG'

export default function setup(): () => void {
  const postgres = process.env[TEST_PG_ENV]?.trim()
  // The workers inherit this and stay quiet: the runner says it once instead of once per test file.
  process.env.SMSDESK_PG_NOTICE_BY_RUNNER = '1'
  return () => {
    if (postgres) {
      console.log(
        `\nsmsdesk: the store and end-to-end suites ran on SQLite and on PostgreSQL (${TEST_PG_ENV}).`,
      )
    } else {
      console.warn(
        `\nsmsdesk: PostgreSQL run SKIPPED — ${TEST_PG_ENV} is not set, so only SQLite ran. ` +
          `Run \`npm run test:pg\` (or set ${TEST_PG_ENV}=postgres://postgres@127.0.0.1:5432/test) to test both.`,
      )
    }
  }
}
