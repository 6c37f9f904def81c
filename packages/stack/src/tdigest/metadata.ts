import type { MetadataOverlay } from '@fakeredis/core';

/**
 * The TDIGEST.* commands as redisbloom.so 2.8.20 registers them (factual fields of
 * /work/shared/commands/redisbloom-2.8.20.json: arity -1, the flags and key specs of
 * RedisModule_CreateCommand(..., 1, 1, 1)). The module registers no docs: COMMAND DOCS
 * shows no since and no arguments for them, so none are given here.
 */
export const TDIGEST_METADATA: MetadataOverlay[] = [{ server: 'redis', version: '7.0.0', removed: [], changed: {
  'TDIGEST.ADD': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.BYRANK': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.BYREVRANK': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.CDF': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.CREATE': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.INFO': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.MAX': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.MERGE': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.MIN': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.QUANTILE': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.RANK': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.RESET': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.REVRANK': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'TDIGEST.TRIMMED_MEAN': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
} }];
