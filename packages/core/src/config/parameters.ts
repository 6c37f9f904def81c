import { formatNotifyFlags, parseNotifyFlags } from '../notifier.js';
import type { FakeServer } from '../server.js';
import type { ConfigParameter } from './store.js';
import { boolParam, enumParam, intParam, memoryParam, stringParam } from './types.js';

/**
 * The configuration parameters of Redis 7.0 that the engine reads or that a client or
 * test may set and read back, with Redis's defaults and validation.
 */
export function defineCoreConfig(server: FakeServer): void {
  const params: ConfigParameter[] = [
    intParam('databases', 16, 1, 2 ** 31 - 1, { immutable: true }),
    stringParam('requirepass', ''),
    {
      name: 'notify-keyspace-events',
      default: '',
      parse: (value) => formatNotifyFlags(parseNotifyFlags(value)),
      apply: (value) => {
        server.notifier.flags = parseNotifyFlags(value);
      },
    },
    memoryParam('proto-max-bulk-len', 512 * 1024 * 1024, 1024 * 1024, Number.MAX_SAFE_INTEGER),
    clamped(intParam('hz', 10, 0, 2 ** 31 - 1), 1, 500),
    intParam('lfu-log-factor', 10, 0, 2 ** 31 - 1),
    intParam('lfu-decay-time', 1, 0, 2 ** 31 - 1),
    memoryParam('maxmemory', 0),
    enumParam(
      'maxmemory-policy',
      'noeviction',
      ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'],
      { apply: (value) => { server.lfuEnabled = value.endsWith('-lfu'); } },
    ),
    intParam('port', 6379, 0, 65535, { immutable: true }),
    stringParam('bind', '* -::*', { immutable: true }),
    stringParam('unixsocket', '', { immutable: true }),
    boolParam('appendonly', 'no'),
    enumParam('enable-debug-command', 'no', ['no', 'yes', 'local'], { immutable: true }),
  ];
  for (const param of params) server.config.define(param);
}

/** Redis clamps some accepted values into a narrower range (hz to 1..500). */
function clamped(param: ConfigParameter, min: number, max: number): ConfigParameter {
  return { ...param, parse: (value) => String(Math.min(max, Math.max(min, Number(param.parse(value))))) };
}
