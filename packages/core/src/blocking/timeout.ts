import type { Bytes } from '../bytes.js';
import type { Client } from '../client.js';
import {
  ERR_TIMEOUT_NEGATIVE,
  ERR_TIMEOUT_NOT_FLOAT,
  ERR_TIMEOUT_NOT_INTEGER,
  ERR_TIMEOUT_OUT_OF_RANGE,
} from '../errors/index.js';
import { type LongDouble, parseLongDouble, roundToLongDouble } from '../long-double.js';
import { INT64_MAX, tryParseInt64 } from '../numbers.js';

/**
 * A blocking command's timeout as Redis's getTimeoutFromObjectOrReply reads it: seconds as
 * a long double (ceil to whole ms) or whole milliseconds. Returns the absolute deadline in
 * ms on the server's clock, 0 for "wait forever"; throws Redis's error otherwise.
 */
export function parseBlockTimeout(client: Client, arg: Bytes, unit: 'seconds' | 'milliseconds' = 'seconds'): number {
  const server = client.server;
  const checksRange = server.versionAtLeast('7.2.0');
  let ms: bigint;
  if (unit === 'seconds') {
    const seconds = parseLongDouble(arg);
    if (seconds === undefined || seconds.kind === 'nan') throw ERR_TIMEOUT_NOT_FLOAT;
    const exact = seconds.kind === 'finite' ? ceilMilliseconds(seconds) : undefined;
    if (exact === undefined || exact > INT64_MAX) {
      // 7.0 casts an out-of-range long double to long long: LLONG_MIN on x86-64, "negative".
      throw checksRange && (exact !== undefined || !seconds.neg) ? ERR_TIMEOUT_OUT_OF_RANGE : ERR_TIMEOUT_NEGATIVE;
    }
    ms = exact;
  } else {
    const parsed = tryParseInt64(arg);
    if (parsed === undefined) throw ERR_TIMEOUT_NOT_INTEGER;
    ms = parsed;
  }
  if (ms < 0n) throw ERR_TIMEOUT_NEGATIVE;
  if (ms === 0n) return 0;
  const now = BigInt(server.now());
  if (ms > INT64_MAX - now) {
    if (checksRange) throw ERR_TIMEOUT_OUT_OF_RANGE;
    // 7.0 lets now + timeout overflow to a deadline that never comes.
    return 0;
  }
  return Number(now + ms);
}

/** ceill(seconds * 1000.0) as x87 computes it: the product rounds to 64 bits first. */
function ceilMilliseconds(seconds: LongDouble): bigint {
  const product = roundToLongDouble(seconds.neg, seconds.m * 1000n, seconds.e);
  if (product.kind !== 'finite') return INT64_MAX + 1n;
  const magnitude = product.e >= 0 ? product.m << BigInt(product.e) : product.m >> BigInt(-product.e);
  if (product.neg) return -magnitude;
  const whole = product.e >= 0 || magnitude << BigInt(-product.e) === product.m;
  return whole ? magnitude : magnitude + 1n;
}
