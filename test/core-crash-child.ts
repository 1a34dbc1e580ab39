/**
 * A dispatcher process for test/core-crash.test.ts: opens the database at argv[2] and hands messages to the iP1
 * API at argv[3] until it is killed (SIGKILL, to play a crash) or told to stop (SIGTERM).
 */
import { createDesk, createIp1Gateway } from '@smsdesk/core'

const [database, baseUrl, apiKey, deliveryReportUrl] = process.argv.slice(2)
if (!database || !baseUrl || !apiKey || !deliveryReportUrl) {
  console.error('usage: core-crash-child <database> <ip1 base url> <api key> <delivery report url>')
  process.exit(2)
}

const desk = await createDesk({
  database,
  // A long timeout: a hand-over whose answer never comes keeps this process waiting until it is killed.
  gateway: createIp1Gateway({ apiKey, baseUrl, deliveryReportUrl, timeoutMs: 60_000, concurrency: 4 }),
})
const dispatcher = desk.dispatcher.start({
  batchSize: 10,
  pollMs: 20,
  leaseMs: 1_500,
  // Small hand-overs, so that a kill finds several batches in flight.
  handOverSize: 2,
  owner: `child-${process.pid}`,
})
process.on('SIGTERM', () => {
  void dispatcher
    .stop()
    .then(() => desk.close())
    .then(() => process.exit(0))
})
console.log('dispatching')
