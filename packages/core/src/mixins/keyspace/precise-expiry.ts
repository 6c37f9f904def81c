import type { KeyEntry } from '../../database.js';

/**
 * Expiry times are kept as numbers (ms since the epoch), which hold every realistic time
 * exactly; EXPIREAT and PEXPIREAT accept any int64, though, and Redis answers PEXPIRETIME
 * with that exact value. Times past 2^53 keep their exact value here, valid while the
 * entry's number still equals it (any other change of expiry makes it stale).
 */
const exact = new WeakMap<KeyEntry, bigint>();

/** Records the exact expiry of an entry whose expiresAt was just set to Number(at). */
export function rememberExactExpiry(entry: KeyEntry, at: bigint): void {
  if (Number.isSafeInteger(entry.expiresAt)) exact.delete(entry);
  else exact.set(entry, at);
}

/** An entry's expiry as an exact int64 (0n when it has none). */
export function exactExpiry(entry: KeyEntry): bigint {
  const big = exact.get(entry);
  if (big !== undefined && Number(big) === entry.expiresAt) return big;
  return BigInt(entry.expiresAt);
}

/** Carries the exact expiry over to the entry a key moved or was copied to. */
export function carryExactExpiry(from: KeyEntry, to: KeyEntry): void {
  const big = exact.get(from);
  if (big !== undefined && Number(big) === to.expiresAt) exact.set(to, big);
}
