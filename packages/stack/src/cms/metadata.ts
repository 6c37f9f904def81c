import type { MetadataOverlay } from '@fakeredis/core';

/**
 * The CMS.* commands as redisbloom.so 2.8.20 registers them (factual fields of
 * /work/shared/commands/redisbloom-2.8.20.json): arity -1 (the module checks argument counts
 * itself), the flags and key spec of RedisModule_CreateCommand(..., 1, 1, 1), no docs.
 */
export const CMS_METADATA: MetadataOverlay[] = [{ server: 'redis', version: '7.0.0', removed: [], changed: {
  'CMS.INITBYDIM': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CMS.INITBYPROB': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CMS.INCRBY': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CMS.QUERY': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CMS.MERGE': {"group": "module", "arity": -1, "command_flags": ["WRITE", "DENYOOM"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
  'CMS.INFO': {"group": "module", "arity": -1, "command_flags": ["READONLY"], "acl_categories": [], "key_specs": [{"flags": ["RW", "ACCESS", "UPDATE"], "begin_search": {"index": {"pos": 1}}, "find_keys": {"range": {"lastkey": 0, "step": 1, "limit": 0}}}]},
} }];
