/** Which conversations have a customer watching right now (an open event stream), for the SMS fallback. */

export interface OpenStreams {
  /** Counts a stream open until the returned function is called. */
  open(conversationId: string): () => void
  isWatched(conversationId: string): boolean
}

export function createOpenStreams(): OpenStreams {
  const counts = new Map<string, number>()
  return {
    open(id) {
      counts.set(id, (counts.get(id) ?? 0) + 1)
      let closed = false
      return () => {
        if (closed) return
        closed = true
        const n = (counts.get(id) ?? 1) - 1
        if (n <= 0) counts.delete(id)
        else counts.set(id, n)
      }
    },
    isWatched: (id) => (counts.get(id) ?? 0) > 0,
  }
}
