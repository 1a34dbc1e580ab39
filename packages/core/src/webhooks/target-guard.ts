/**
 * Keeps customer-supplied callback URLs off private networks (SSRF): resolves the host, checks every address,
 * and hands back the checked addresses so the connection can be pinned to them.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP } from 'node:net'

/** Address ranges a callback must not reach unless the operator opted in. */
const PRIVATE_RANGES: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address (cloud metadata lives here)'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.0.0.0', 24, 'ipv4', 'an IETF protocol address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
  // ::/96 holds ::, ::1 and the deprecated IPv4-compatible form.
  ['::', 96, 'ipv6', 'a loopback or unspecified address'],
  ['fc00::', 7, 'ipv6', 'a unique-local address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['fec0::', 10, 'ipv6', 'a site-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
]

const ranges = PRIVATE_RANGES.map(([network, prefix, family, what]) => {
  const list = new BlockList()
  list.addSubnet(network, prefix, family)
  return { list, what }
})

/** Names that mean "this machine" or the local network whatever DNS says. */
const LOCAL_NAME = /(^|\.)(localhost|localdomain|local|internal|home\.arpa)$/i

/**
 * Why `address` (an IP literal) is not a public address, or null when it is public. IPv4-mapped (`::ffff:a.b.c.d`),
 * NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`) addresses are judged by the IPv4 address they carry.
 */
export function privateAddressReason(address: string): string | null {
  const family = isIP(address)
  if (family === 0) return 'not an IP address'
  const kind = family === 4 ? 'ipv4' : 'ipv6'
  // BlockList matches IPv4-mapped IPv6 addresses against IPv4 rules by itself.
  for (const { list, what } of ranges) if (list.check(address, kind)) return what
  if (family === 6) {
    const embedded = embeddedIpv4(address)
    if (embedded) return privateAddressReason(embedded)
  }
  return null
}

export type TargetCheck =
  | { ok: true; host: string; addresses: LookupAddress[] }
  | { ok: false; permanent: boolean; error: string }

export type Resolver = (host: string) => Promise<LookupAddress[]>

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  )

/**
 * Resolves the URL's host and checks every address it has. A refusal is permanent (retrying cannot help);
 * a DNS failure is not (the name may resolve later).
 */
export async function checkCallbackTarget(
  url: string,
  resolve: Resolver = systemResolver,
): Promise<TargetCheck> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, permanent: true, error: 'refused: the callback URL is not a valid URL' }
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return {
      ok: false,
      permanent: true,
      error: `refused: callback URLs must be http(s), not ${parsed.protocol}`,
    }
  const host = parsed.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '')
  const refuse = (what: string): TargetCheck => ({
    ok: false,
    permanent: true,
    error: `refused: callback host ${host} is ${what}; private networks are not allowed for status callbacks`,
  })
  if (isIP(host)) {
    const reason = privateAddressReason(host)
    return reason ? refuse(reason) : { ok: true, host, addresses: [{ address: host, family: isIP(host) }] }
  }
  if (LOCAL_NAME.test(host)) return refuse('a local name')
  let addresses: LookupAddress[]
  try {
    addresses = await resolve(host)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'lookup failed'
    return { ok: false, permanent: false, error: `could not resolve ${host}: ${code}` }
  }
  if (addresses.length === 0)
    return { ok: false, permanent: false, error: `could not resolve ${host}: no addresses` }
  // Every address is checked: a name with one public and one private address would otherwise be a way in.
  for (const { address } of addresses) {
    const reason = privateAddressReason(address)
    if (reason) return refuse(`resolving to ${address}, ${reason}`)
  }
  return { ok: true, host, addresses }
}

/** The IPv4 address inside a NAT64 or 6to4 IPv6 address, if any. */
function embeddedIpv4(address: string): string | null {
  const groups = ipv6Groups(address)
  if (!groups) return null
  const quad = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0))
    return quad(groups[6]!, groups[7]!)
  if (groups[0] === 0x2002) return quad(groups[1]!, groups[2]!)
  return null
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted quad expanded). */
function ipv6Groups(address: string): number[] | null {
  let text = address.split('%')[0]!
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.split('::') as [string, string | undefined]
  const parse = (part: string) => (part ? part.split(':').map((g) => Number.parseInt(g, 16)) : [])
  const front = parse(head)
  const back = tail === undefined ? [] : parse(tail)
  const missing = 8 - front.length - back.length
  if (missing < 0 || (tail === undefined && missing !== 0)) return null
  return [...front, ...new Array<number>(missing).fill(0), ...back]
}
