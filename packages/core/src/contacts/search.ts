/** Case-insensitive contact search that reads the same on SQLite and PostgreSQL. */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Database } from '../store/schema.ts'

const SEARCHED = ['contacts.first_name', 'contacts.last_name', 'contacts.email', 'contacts.number'] as const

/**
 * Every word of `search` must appear (anywhere, ignoring case) in one of the names, the email or the number.
 * `lower()` is Unicode-aware on both dialects (openDatabase gives SQLite a Unicode `lower`), so "åsa" finds "Åsa".
 */
export function matchesSearch(
  eb: ExpressionBuilder<Database, 'contacts'>,
  search: string,
): Expression<SqlBool> {
  const words = search.trim().split(/\s+/).filter(Boolean)
  return eb.and(
    words.map((word) => {
      const pattern = `%${escapeLike(word.toLowerCase())}%`
      const alternatives: Expression<SqlBool>[] = SEARCHED.map(
        (col) => sql<SqlBool>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`,
      )
      // "070-123" should find +46701234567: compare digits without the local trunk zero.
      const digits = /^[+\d\s().-]+$/.test(word) ? word.replace(/\D/g, '').replace(/^0+/, '') : ''
      if (digits) alternatives.push(eb('contacts.number', 'like', `%${digits}%`))
      return eb.or(alternatives)
    }),
  )
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
