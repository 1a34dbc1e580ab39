/** The account's content policy: banned words, matched as whole words without regard to case. */

/** Returns the first banned word found in `body`, or null. Words are whole words; a banned phrase matches as a phrase. */
export function compileContentPolicy(bannedWords: readonly string[]): (body: string) => string | null {
  const words = bannedWords.map((w) => w.trim()).filter((w) => w.length > 0)
  if (words.length === 0) return () => null
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
  // Unicode-aware word edges, so "spelbolag" does not match "spel" and Swedish letters count as letters.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${escaped.join('|')})(?![\\p{L}\\p{N}_])`, 'iu')
  return (body) => {
    const found = pattern.exec(body)
    return found ? found[0] : null
  }
}
