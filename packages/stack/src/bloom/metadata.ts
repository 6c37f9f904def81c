import type { MetadataOverlay } from '@fakeredis/core';

/**
 * The BF.* commands as redisbloom.so 2.8.20 registers them (factual fields of
 * /work/shared/commands/redisbloom-2.8.20.json: arity -1, the flags and key specs of
 * RedisModule_CreateCommand(..., 1, 1, 1)). The module registers every command with arity
 * -1 and checks arity itself, and registers no docs: COMMAND DOCS shows no since and no
 * arguments for them, so none are given here.
 */
export const BLOOM_METADATA: MetadataOverlay[] = [{ server: 'redis', version: '7.0.0', removed: [], changed: {
  'BF.RESERVE': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'BF.ADD': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'BF.MADD': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'BF.INSERT': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'BF.EXISTS': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'BF.MEXISTS': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'BF.CARD': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'BF.INFO': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'BF.DEBUG': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'BF.SCANDUMP': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'BF.LOADCHUNK': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
} }];
