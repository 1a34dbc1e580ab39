/**
 * What the bot hands its log: an error reduced to its name, code, message and stack, with anything shaped like a
 * credential (Slack tokens, our API keys, JWTs, bearer values) cut out. Raw errors of HTTP clients carry their request, headers
 * and all, so they never reach the log as they are.
 */

const SECRET_SHAPES: RegExp[] = [
  /xox[a-z]-[A-Za-z0-9-]+/g,
  // Our own API and operator keys, should one ever be inside an error.
  /\bsms[do]_[A-Za-z0-9]+/g,
  /eyJ[\w-]+\.[\w-]+\.[\w-]*/g,
  /(Bearer\s+)\S+/gi,
  /(client_secret=)[^&\s]+/gi,
]

export function redactSecrets(text: string): string {
  let out = text
  for (const shape of SECRET_SHAPES)
    out = out.replace(shape, (_, keep) => `${typeof keep === 'string' ? keep : ''}[redacted]`)
  return out
}

/** An error as plain, credential-free data. */
export function safeError(err: unknown): Record<string, string> | undefined {
  if (err === undefined || err === null) return undefined
  if (!(err instanceof Error)) return { message: redactSecrets(String(err)) }
  const code = (err as { code?: unknown }).code
  const platformError = (err as { data?: { error?: unknown } }).data?.error
  return {
    name: err.name,
    message: redactSecrets(err.message),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof platformError === 'string' ? { error: platformError } : {}),
    ...(err.stack ? { stack: redactSecrets(err.stack) } : {}),
  }
}

/** Wraps a log so that every message and error passing through it is redacted. */
export function redactingLog(
  log: (message: string, err?: unknown) => void,
): (message: string, err?: unknown) => void {
  return (message, err) => log(redactSecrets(message), safeError(err))
}
