import type { MetadataOverlay } from '@fakeredis/core';

/**
 * The TOPK.* commands as redisbloom.so 2.8.20 registers them (factual fields of
 * /work/shared/commands/redisbloom-2.8.20.json: arity -1, the flags and key specs of
 * RedisModule_CreateCommand(..., 1, 1, 1)). The module registers no docs: COMMAND DOCS
 * shows no since and no arguments for them, so none are given here.
 */
export const TOPK_METADATA: MetadataOverlay[] = [{ server: 'redis', version: '7.0.0', removed: [], changed: {
  'TOPK.ADD': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TOPK.COUNT': {"group": "module", "arity": -1, "command_flags": ["WRITE"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TOPK.INCRBY': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TOPK.INFO': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TOPK.LIST': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TOPK.QUERY': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TOPK.RESERVE': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
} }];
