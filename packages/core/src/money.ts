/** Money is an integer of minor units (öre, cent) and a currency; never a float. */

export interface Money {
  amount: number
  currency: string
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount))
    throw new TypeError(`money amount must be an integer of minor units, got ${amount}`)
  return { amount, currency }
}

/** Formats minor units for people: `12345, 'SEK'` → `123.45 SEK`. */
export function formatMoney(m: Money): string {
  const sign = m.amount < 0 ? '-' : ''
  const abs = Math.abs(m.amount)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} ${m.currency}`
}
