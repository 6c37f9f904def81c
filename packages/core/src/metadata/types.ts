/** One command's metadata, in the shape of Redis's src/commands/*.json. */
export interface CommandSpec {
  summary?: string;
  complexity?: string;
  group: string;
  /** Absent for a module command whose module registers no docs (COMMAND DOCS shows none). */
  since?: string;
  arity: number;
  container?: string;
  command_flags?: string[];
  acl_categories?: string[];
  key_specs?: KeySpec[];
  arguments?: ArgumentSpec[];
  history?: Array<[string, string]>;
  doc_flags?: string[];
  deprecated_since?: string;
  replaced_by?: string;
  command_tips?: string[];
  /** Redis's key-extraction procedure for the command, where key specs are not enough. */
  get_keys_function?: string;
  /**
   * The running server's own COMMAND entry, where the metadata came from one (KeyDB 6.3.4):
   * Redis 6.2's COMMAND INFO prints it as it was.
   */
  command_reply?: { flags: string[]; first_key: number; last_key: number; step: number; acl_categories: string[] };
}

export interface KeySpec {
  notes?: string;
  flags?: string[];
  begin_search: {
    index?: { pos: number };
    keyword?: { keyword: string; startfrom: number };
    unknown?: null;
  };
  find_keys: {
    range?: { lastkey: number; step: number; limit: number };
    keynum?: { keynumidx: number; firstkey: number; step: number };
    unknown?: null;
  };
}

export interface ArgumentSpec {
  name: string;
  type: string;
  display_text?: string;
  key_spec_index?: number;
  token?: string;
  summary?: string;
  since?: string;
  deprecated_since?: string;
  optional?: boolean;
  multiple?: boolean;
  multiple_token?: boolean;
  arguments?: ArgumentSpec[];
  value?: string;
  flags?: string[];
}

export type ServerType = 'redis' | 'valkey' | 'dragonfly' | 'keydb';

/** The command metadata of one server type and version, keyed by upper-case name
 *  ("GET", "CONFIG GET"). */
export interface CommandMetadata {
  server: ServerType;
  version: string;
  commands: Record<string, CommandSpec>;
}

/** Entries that differ from a base, for a later version (the overlay shape). */
export interface MetadataOverlay {
  server: ServerType;
  version: string;
  changed: Record<string, CommandSpec>;
  removed: string[];
}
