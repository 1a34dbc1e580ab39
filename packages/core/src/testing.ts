/** @smsdesk/core/testing — helpers for tests in every package: a Desk on a throwaway database, dialects, clocks, stand-ins. */
export { createTestClock, type TestClock } from './desk/test-clock.ts'
export { createTestDesk, type TestDesk, type TestDeskOptions } from './desk/testing.ts'
export { type Ip1Standin, startIp1Standin } from './gateway/testing/ip1-standin.ts'
export { openTestDatabase, type TestDatabase, testDialects } from './store/testing.ts'
