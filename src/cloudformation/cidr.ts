// Fn::Cidr: `count` consecutive subnets of `hostBits` host bits each, carved from the start
// of an IPv4 or IPv6 block.
import { validationError } from './errors.ts';

export function cidr(block: string, count: number, hostBits: number): string[] {
  const [address, prefixText] = block.split('/');
  const prefix = Number(prefixText);
  const v6 = address.includes(':');
  const width = v6 ? 128 : 32;
  const base = v6 ? parseV6(address) : parseV4(address);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > width) {
    throw validationError(`Template error: Fn::Cidr: invalid ipBlock ${block}`);
  }
  const subnetPrefix = width - hostBits;
  if (!Number.isInteger(count) || count < 1 || count > 256 || !Number.isInteger(hostBits) || hostBits < 0 || subnetPrefix < prefix) {
    throw validationError(`Template error: Fn::Cidr: cannot carve ${count} subnets of ${hostBits} host bits from ${block}`);
  }
  if (BigInt(count) > 1n << BigInt(subnetPrefix - prefix)) {
    throw validationError(`Template error: Fn::Cidr: ${block} holds fewer than ${count} subnets of ${hostBits} host bits`);
  }
  const networkMask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - prefix)) - 1n);
  const network = base & networkMask;
  const step = 1n << BigInt(hostBits);
  const out: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const value = network + i * step;
    out.push(`${v6 ? formatV6(value) : formatV4(value)}/${subnetPrefix}`);
  }
  return out;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) + BigInt(p), 0n);
}

function formatV4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function parseV6(text: string): bigint | undefined {
  const [head, tail, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if ((tail === undefined && missing !== 0) || missing < 0) return undefined;
  const groups = [...headGroups, ...Array(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

function formatV6(value: bigint): string {
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as addresses are usually written.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}
