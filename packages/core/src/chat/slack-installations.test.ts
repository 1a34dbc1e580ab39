/** Slack installations on every dialect: install, rotation, org-wide fallback, removal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ManualClock,
  manualClock,
  openTestDatabase,
  type TestDatabase,
  testContext,
  testDialects,
} from '../store/testing.ts'
import { createSlackInstallations, type SlackInstallationsApi } from './slack-installations.ts'

const install = (teamId: string | null, extra: Record<string, unknown> = {}) => ({
  teamId,
  enterpriseId: null,
  isEnterpriseInstall: false,
  appId: 'A1',
  botId: 'B1',
  botUserId: `U${teamId ?? 'ORG'}`,
  botTokenSealed: `sealed-${teamId}`,
  botRefreshTokenSealed: null,
  botTokenExpiresAt: null,
  botScopes: ['commands', 'chat:write'],
  installerUserId: 'UINSTALLER',
  ...extra,
})

describe.each(testDialects())('Slack installations on %s', (dialect) => {
  let t: TestDatabase
  let clock: ManualClock
  let store: SlackInstallationsApi

  beforeAll(async () => {
    t = await openTestDatabase(dialect)
    clock = manualClock()
    store = createSlackInstallations(testContext(t, clock))
  })
  afterAll(async () => {
    await t?.close()
  })

  it('saves an install, keeps its first time through a token refresh, and removes it', async () => {
    expect(await store.find({ teamId: 'T1' })).toBeNull()
    await store.save(install('T1'))
    const first = await store.find({ teamId: 'T1' })
    expect(first).toMatchObject({ teamId: 'T1', botUserId: 'UT1', botScopes: ['commands', 'chat:write'] })
    clock.advance(60_000)
    await store.save(
      install('T1', {
        botTokenSealed: 'sealed-2',
        botRefreshTokenSealed: 'refresh-2',
        botTokenExpiresAt: 1_900_000_000,
      }),
    )
    const refreshed = await store.find({ teamId: 'T1' })
    expect(refreshed).toMatchObject({
      botTokenSealed: 'sealed-2',
      botRefreshTokenSealed: 'refresh-2',
      botTokenExpiresAt: 1_900_000_000,
    })
    expect(refreshed?.installedAt).toEqual(first?.installedAt)
    expect(refreshed?.updatedAt.getTime()).toBe((first?.installedAt.getTime() ?? 0) + 60_000)
    expect(await store.find({ teamId: 'T2' })).toBeNull()
    expect(await store.remove({ teamId: 'T1' })).toBe(true)
    expect(await store.remove({ teamId: 'T1' })).toBe(false)
    expect(await store.find({ teamId: 'T1' })).toBeNull()
  })

  it("finds an organisation's org-wide install for its workspaces", async () => {
    await store.save(install(null, { enterpriseId: 'E1', isEnterpriseInstall: true }))
    expect(await store.find({ teamId: 'T9', enterpriseId: 'E1' })).toMatchObject({ enterpriseId: 'E1' })
    expect(await store.find({ enterpriseId: 'E1', isEnterpriseInstall: true })).toMatchObject({
      isEnterpriseInstall: true,
    })
    expect(await store.find({ teamId: 'T9' })).toBeNull()
    expect(await store.remove({ enterpriseId: 'E1', isEnterpriseInstall: true })).toBe(true)
  })
})
