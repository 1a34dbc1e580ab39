/**
 * A local stand-in for the Bot Framework's OpenID metadata and signing keys (the published
 * `.well-known/openid-configuration` → `jwks_uri` contract), with one RSA key endorsed for `msteams`.
 */

import { generateKeyPairSync } from 'node:crypto'
import { listenLocal, sendJson } from './http.ts'

export interface OpenIdStandin {
  /** Give this as `BOT_TEAMS_OPENID_METADATA_URL`. */
  metadataUrl: string
  /** The `kid` of the key it publishes. */
  keyId: string
  close(): Promise<void>
}

export async function startOpenIdStandin(): Promise<OpenIdStandin> {
  const keyId = 'standin-key'
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: keyId, use: 'sig', endorsements: ['msteams'] }
  let base = ''
  const server = await listenLocal((req, res) => {
    if (req.url === '/.well-known/openid-configuration')
      return sendJson(res, 200, { issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` })
    if (req.url === '/keys') return sendJson(res, 200, { keys: [jwk] })
    sendJson(res, 404, {})
  })
  base = server.url
  return { metadataUrl: `${server.url}/.well-known/openid-configuration`, keyId, close: () => server.close() }
}
