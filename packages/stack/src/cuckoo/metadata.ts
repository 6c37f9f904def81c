import type { MetadataOverlay } from '@fakeredis/core';

/**
 * The CF.* commands as redisbloom.so 2.8.20 registers them (factual fields of
 * /work/shared/commands/redisbloom-2.8.20.json): arity -1 (the module checks argument counts
 * itself), the flags and key spec of RedisModule_CreateCommand(..., 1, 1, 1), no docs.
 */
export const CUCKOO_METADATA: MetadataOverlay[] = [{ server: 'redis', version: '7.0.0', removed: [], changed: {
  'CF.RESERVE': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.ADD': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.ADDNX': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.INSERT': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.INSERTNX': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.EXISTS': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.MEXISTS': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.COUNT': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.DEL': {"group": "module", "arity": -1, "command_flags": ["WRITE", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.COMPACT': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.INFO': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.DEBUG': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.SCANDUMP': {"group": "module", "arity": -1, "command_flags": ["READONLY", "FAST"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CF.LOADCHUNK': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
} }];
