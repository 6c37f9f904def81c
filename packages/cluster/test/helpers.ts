import { compose } from '@fakeredis/composer';
import { coreMixins, overrideCommands } from '@fakeredis/core';
import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { PubSubCommands } from '@fakeredis/pubsub';
import { FunctionCommands, ScriptingCommands } from '@fakeredis/scripting';
import { StringCommands } from '@fakeredis/strings';
import { ClusterCommands } from '../src/index.js';

/** A Redis 7.0 server class with cluster mode and the families the tests use. */
export const ClusterServer = compose({
  mixins: overrideCommands([...coreMixins, StringCommands, HashCommands, ListCommands, ScriptingCommands, FunctionCommands, PubSubCommands], ClusterCommands),
});
