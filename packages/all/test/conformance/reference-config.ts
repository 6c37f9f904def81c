import { defineMixin, FakeServer as CoreFakeServer, metadataFor, overrideCommands, serverProfile } from '@fakeredis/core';
import type { Wire } from '@fakeredis/tooling/conformance';
import { allMixins } from '../../src/index.js';

/** The configuration the runner starts a reference server with, for the fakes compared with it. */
export const START_CONFIG = { save: '', appendonly: 'no', 'protected-mode': 'no', dir: '/tmp', logfile: '', loglevel: 'warning', bind: '127.0.0.1' };

/**
 * A compare map for INFO replies: the values of the `varying` fields (those that depend on
 * the process, the build or the time, not on the server type) masked; field names, their
 * order and every other value compared exactly.
 */
export function maskInfoFields(varying: ReadonlySet<string>): (reply: Wire) => Wire {
  return (reply) => {
    const text = reply.t === 'bulk' ? reply.v : reply.t === 'verbatim' ? reply.v.slice(4) : undefined;
    if (text === undefined) return reply;
    const lines = text.split('\r\n').map((line) => {
      const at = line.indexOf(':');
      return at > 0 && varying.has(line.slice(0, at)) ? `${line.slice(0, at)}:#` : line;
    });
    return { t: 'bulk', v: lines.join('\r\n') };
  };
}

/**
 * A fake Valkey of `version` with every command of the version's metadata (but Sentinel's)
 * in the table, fakeredis's handlers where it has them: COMMAND COUNT, LIST, INFO and DOCS
 * answer from the metadata alone, whatever the modules implement.
 */
export const everyValkeyCommand = (version: string) => (config: Record<string, string>) => {
  const profile = serverProfile('valkey', version);
  const fixture = defineMixin({
    name: 'EveryValkeyCommand',
    commands: Object.fromEntries(
      Object.entries(metadataFor('valkey', profile.version).commands)
        .filter(([, spec]) => !(spec.command_flags ?? []).includes('ONLY_SENTINEL'))
        .map(([name]) => [name, () => null]),
    ),
  });
  return new CoreFakeServer({ profile, mixins: overrideCommands([fixture], ...allMixins), config: { ...config, ...START_CONFIG } });
};
