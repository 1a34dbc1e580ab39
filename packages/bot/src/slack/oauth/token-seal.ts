/**
 * Seals Slack tokens for the database: AES-256-GCM under a key derived by HKDF-SHA-256 from `SLACK_TOKEN_KEY`,
 * bound to the installation it belongs to, so a sealed token copied to another row does not open.
 */

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/** Shorter keys are refused at start-up: the key is the only thing between a database dump and every token. */
export const MIN_TOKEN_KEY_LENGTH = 32

const VERSION = 'v1'
const SALT = 'smsdesk/slack-tokens'
const INFO = 'aes-256-gcm/v1'

export interface TokenSeal {
  /** Clear token → `v1.<iv>.<tag>.<ciphertext>` (base64url), bound to `boundTo` (the installation's key). */
  seal(token: string, boundTo: string): string
  /** The clear token; throws when the text was not sealed with this key for `boundTo`. */
  open(sealed: string, boundTo: string): string
}

export function createTokenSeal(secret: string): TokenSeal {
  if (secret.length < MIN_TOKEN_KEY_LENGTH)
    throw new Error(`SLACK_TOKEN_KEY must be at least ${MIN_TOKEN_KEY_LENGTH} characters`)
  const key = Buffer.from(hkdfSync('sha256', secret, SALT, INFO, 32))
  return {
    seal(token, boundTo) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(boundTo, 'utf8'))
      const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()])
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.')
    },
    open(sealed, boundTo) {
      const [version, iv, tag, body] = sealed.split('.')
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed token')
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      decipher.setAAD(Buffer.from(boundTo, 'utf8'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      )
    },
  }
}
