import { describe, expect, it } from 'vitest'
import { databaseUnavailable } from './unavailable.ts'

const coded = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {})

describe('databaseUnavailable', () => {
  it('names busy, full and lost databases with the one stable code', () => {
    for (const [err, says] of [
      [coded('database is locked', 'SQLITE_BUSY'), /busy/],
      [coded('database or disk is full', 'SQLITE_FULL'), /full/],
      [coded('terminating connection due to administrator command', '57P01'), /lost/],
      [coded('Connection terminated unexpectedly'), /lost/],
      [coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), /lost/],
    ] as const) {
      const mapped = databaseUnavailable(err)
      expect(mapped?.code).toBe('Unavailable')
      expect(mapped?.message).toMatch(says)
    }
  })

  it('leaves every other error alone', () => {
    expect(databaseUnavailable(coded('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'))).toBeNull()
    expect(databaseUnavailable(coded('duplicate key', '23505'))).toBeNull()
    expect(databaseUnavailable(new TypeError('x is undefined'))).toBeNull()
    expect(databaseUnavailable('text')).toBeNull()
  })
})
