import { BlockList, isIP } from 'node:net';

/** The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (CORRIDOR_TRUST_PROXY). */
export interface TrustedProxies {
  trusts(address: string): boolean;
}

export const TRUST_PROXY_RULE = 'a comma-separated list of IP addresses or CIDR ranges (e.g. 10.0.0.5,10.1.0.0/16)';

/** A dual-stack socket reports IPv4 peers as `::ffff:a.b.c.d`; they are compared as the IPv4 address they are. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** The list from the setting, or a message naming the entry that is neither an address nor a CIDR range. */
export function parseTrustedProxies(raw: string): { ok: true; proxies: TrustedProxies } | { ok: false; bad: string } {
  const list = new BlockList();
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) return { ok: false, bad: raw };
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const version = isIP(address);
    if (version === 0 || extra !== undefined) return { ok: false, bad: entry };
    if (prefix === undefined) {
      list.addAddress(address, family(address));
      continue;
    }
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
    if (!(bits >= 0 && bits <= (version === 4 ? 32 : 128))) return { ok: false, bad: entry };
    list.addSubnet(address, bits, family(address));
  }
  return {
    ok: true,
    proxies: {
      trusts: (address) => {
        const plain = plainAddress(address);
        return isIP(plain) !== 0 && list.check(plain, family(plain));
      },
    },
  };
}
