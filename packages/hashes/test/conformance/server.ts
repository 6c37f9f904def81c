import { coreMixins, FakeServer } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import type { ConformanceOptions } from '@fakeredis/tooling/conformance';
import { HashCommands } from '../../src/index.js';

/** Core commands, strings (to make keys of another type) and this package's. */
export const mixins = [...coreMixins, StringCommands, HashCommands];

/** A fake configured as the real server is started. */
export const options: ConformanceOptions = {
  createServer: (config) => new FakeServer({ mixins, config }),
};

export const bin = (...bytes: number[]): Buffer => Buffer.from(bytes);

/** HSET arguments for `n` fields named f0..f(n-1) with values v0..v(n-1). */
export function fields(n: number, prefix = 'f'): string[] {
  const args: string[] = [];
  for (let i = 0; i < n; i++) args.push(`${prefix}${i}`, `v${i}`);
  return args;
}
