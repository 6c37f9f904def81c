import { BitmapCommands, HyperLogLogCommands, StringCommands } from '@fakeredis/strings';
import { coreMixins, defineMixin, FakeServer, metadataFor, type ServerProfile } from '../../src/index.js';

/**
 * A fixture that puts every Redis 7.0 command (but Sentinel's) in the command table with
 * a handler that is never called, so COMMAND INFO, DOCS and GETKEYS can be checked for
 * commands no mixin implements yet. Real mixins replace its handlers (overrideCommands).
 */
export const EveryCommandFixture = defineMixin({
  name: 'EveryCommandFixture',
  commands: Object.fromEntries(
    Object.entries(metadataFor('redis', '7.0.15').commands)
      .filter(([, spec]) => !(spec.command_flags ?? []).includes('ONLY_SENTINEL'))
      .map(([name]) => [name, () => null]),
  ),
});

/** The mixins a server-command test uses: core, and strings to create keys. */
export const serverMixins = [...coreMixins, StringCommands, BitmapCommands, HyperLogLogCommands];

/** A fake configured as the conformance runner starts the real server. */
export function serverForConformance(config: Record<string, string>, mixins = serverMixins, profile?: ServerProfile): FakeServer {
  return new FakeServer({
    mixins,
    profile,
    config: { ...config, save: '', appendonly: 'no', 'protected-mode': 'no', dir: '/tmp', logfile: '', loglevel: 'warning', bind: '127.0.0.1' },
  });
}
