import { createHash } from 'node:crypto';
import { type Bytes, cString } from '../bytes.js';
import { splitInlineArgs } from '../resp/parser.js';
import type { CommandMetadata, CommandSpec } from '../metadata/types.js';
import { ACL_CATEGORIES, aclCategories } from '../mixins/server/command/describe.js';

/**
 * ACL users and their rules as Redis 7.0's acl.c keeps them: a user is flags, password
 * hashes and selectors (the root one first); a selector is a bitmap of allowed commands
 * (with allowed first arguments), key patterns with read/write flags and channel
 * patterns. Rules are applied with setUserRule / setSelectorRule, and described back as
 * ACL LIST and ACL GETUSER print them.
 */

// ---- the command table ACL rules refer to (Redis's server.orig_commands) -------------

/** One command or subcommand as ACL rules see it. */
export interface AclCommand {
  /** Bit index in a selector's bitmap. */
  readonly id: number;
  /** "get", "config|get". */
  readonly fullName: string;
  readonly spec: CommandSpec;
  /** Bitmask over ACL_CATEGORIES (bit i = category i). */
  readonly categories: number;
  readonly parent: AclCommand | undefined;
  readonly subcommands: AclCommand[];
  /** A module command: categories do not apply to it (CMD_MODULE). */
  readonly isModule: boolean;
  readonly noAuth: boolean;
}

/** Every command of a server's metadata, installed or not, as Redis has them all. */
export class AclCommandTable {
  readonly top: AclCommand[] = [];
  readonly byName = new Map<string, AclCommand>();
  /** Number of bits a selector needs; the last one is the "future commands" bit. */
  readonly size: number;

  constructor(
    metadata: CommandMetadata,
    /** Redis 7.2 describes command rules in the order given (selector->command_rules). */
    readonly keepsRuleOrder = false,
    /**
     * `%` key permissions without R or W: refused by redis-server 7.0.15 (`%` and `%~x`),
     * taken by 7.2.4, and from 7.4 `%~x` refused but a bare `%` taken.
     */
    readonly emptyKeyPermission: '7.0' | '7.2' | '7.4' = '7.0',
  ) {
    let id = 0;
    const make = (name: string, spec: CommandSpec, parent: AclCommand | undefined): AclCommand => {
      let categories = 0;
      for (const cat of aclCategories(spec)) categories |= 1 << ACL_CATEGORIES.indexOf(cat);
      const command: AclCommand = {
        id: id++,
        fullName: name.toLowerCase().replace(' ', '|'),
        spec,
        categories,
        parent,
        subcommands: [],
        isModule: spec.group === 'module',
        noAuth: (spec.command_flags ?? []).some((f) => f.toUpperCase() === 'NO_AUTH'),
      };
      this.byName.set(command.fullName, command);
      // The dispatcher's entry of a module command registered in upper case (VADD) names it so.
      if (command.isModule) this.byName.set(name.replace(' ', '|'), command);
      return command;
    };
    // Sentinel's own commands are not in a server's table.
    const entries = Object.entries(metadata.commands).filter(([, spec]) => !spec.command_flags?.includes('ONLY_SENTINEL'));
    for (const [name, spec] of entries) {
      if (spec.container === undefined) this.top.push(make(name, spec, undefined));
    }
    for (const [name, spec] of entries) {
      if (spec.container === undefined) continue;
      const parent = this.byName.get(spec.container.toLowerCase());
      if (parent !== undefined) parent.subcommands.push(make(name, spec, parent));
    }
    this.size = id + 1;
  }

  /** ACLLookupCommand: "get", "config|get" (any case); undefined for more parts. */
  lookup(name: string): AclCommand | undefined {
    const parts = name.toLowerCase().split('|');
    if (parts.length > 2) return undefined;
    const top = this.byName.get(parts[0] as string);
    if (parts.length === 1 || top === undefined) return top;
    return top.subcommands.length > 0 ? this.byName.get(`${top.fullName}|${parts[1]}`) : undefined;
  }
}

export function categoryFlag(name: string): number {
  const index = ACL_CATEGORIES.indexOf(cString(name).toLowerCase());
  return index < 0 ? 0 : 1 << index;
}

// ---- selectors -----------------------------------------------------------------------

export const SELECTOR_ROOT = 1;
export const SELECTOR_ALLKEYS = 2;
export const SELECTOR_ALLCHANNELS = 4;
export const SELECTOR_ALLCOMMANDS = 8;

export const KEY_READ = 1;
export const KEY_WRITE = 2;
export const KEY_ALL = 3;

export interface KeyPattern {
  readonly pattern: Bytes;
  flags: number;
}

/** Why a rule was refused (the errno of ACLSetUser), and its message. */
export type RuleError = 'ENOENT' | 'EINVAL' | 'EEXIST' | 'EISDIR' | 'ENODEV' | 'EBADMSG' | 'ECHILD' | 'EALREADY';

export const RULE_ERROR_TEXT: Record<RuleError, string> = {
  ENOENT: 'Unknown command or category name in ACL',
  EINVAL: 'Syntax error',
  EEXIST:
    "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns",
  EISDIR:
    "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels",
  ENODEV: 'The password you are trying to remove from the user does not exist',
  EBADMSG: 'The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters',
  EALREADY: 'Duplicate user found. A user can only be defined once in config files',
  ECHILD: 'Allowing first-arg of a subcommand is not supported',
};

export class RuleFailure {
  constructor(readonly error: RuleError) {}
}

function hasSpaces(s: string): boolean {
  // C's isspace: space, \t \n \v \f \r; and NUL.
  return /[ \t\n\v\f\r\0]/.test(s);
}

const eq = (op: string, word: string) => cString(op).toLowerCase() === word;

export class Selector {
  flags: number;
  allowed: Uint8Array;
  /** Allowed first arguments of otherwise denied commands ("+select|0"), by command id. */
  firstArgs: Map<number, string[]> | undefined;
  patterns: KeyPattern[] = [];
  channels: Bytes[] = [];
  /** Redis 7.2's command_rules: "+get", "-@admin", "+select|0", in the order they apply. */
  commandRules: string[] = [];

  constructor(
    public table: AclCommandTable,
    flags: number,
  ) {
    this.flags = flags;
    this.allowed = new Uint8Array(table.size);
  }

  /**
   * The server's commands changed (MODULE LOAD): the same permissions over `table`. A
   * command new to it takes the future-commands bit, as Redis's bitmap has every unused id
   * set by +@all and cleared by -@all, and nothing else touches them.
   */
  retable(table: AclCommandTable): void {
    const old = this.table;
    const future = this.futureCommands;
    const allowed = new Uint8Array(table.size);
    allowed.fill(future ? 1 : 0);
    let firstArgs: Map<number, string[]> | undefined;
    const walk = (commands: readonly AclCommand[]): void => {
      for (const cmd of commands) {
        const was = old.byName.get(cmd.fullName);
        if (was !== undefined) {
          allowed[cmd.id] = this.allowed[was.id] as number;
          const args = this.firstArgs?.get(was.id);
          if (args !== undefined) (firstArgs ??= new Map()).set(cmd.id, args);
        }
        walk(cmd.subcommands);
      }
    };
    walk(table.top);
    this.table = table;
    this.allowed = allowed;
    this.firstArgs = firstArgs;
  }

  copy(): Selector {
    const s = new Selector(this.table, this.flags);
    s.allowed.set(this.allowed);
    if (this.firstArgs) s.firstArgs = new Map([...this.firstArgs].map(([id, args]) => [id, [...args]]));
    s.patterns = this.patterns.map((p) => ({ pattern: p.pattern, flags: p.flags }));
    s.channels = [...this.channels];
    s.commandRules = [...this.commandRules];
    return s;
  }

  bit(id: number): boolean {
    return this.allowed[id] === 1;
  }

  /** The reserved bit +@all sets: the selector may run commands added later. */
  get futureCommands(): boolean {
    return this.allowed[this.table.size - 1] === 1;
  }

  setBit(id: number, value: boolean): void {
    this.allowed[id] = value ? 1 : 0;
    if (!value) this.flags &= ~SELECTOR_ALLCOMMANDS;
  }

  /** ACLChangeSelectorPerm: a container's subcommands follow it. */
  changePerm(cmd: AclCommand, allow: boolean): void {
    this.setBit(cmd.id, allow);
    this.firstArgs?.delete(cmd.id);
    for (const sub of cmd.subcommands) this.setBit(sub.id, allow);
  }

  setCategory(commands: readonly AclCommand[], flag: number, allow: boolean): void {
    for (const cmd of commands) {
      if (cmd.isModule) continue;
      if (cmd.categories & flag) this.changePerm(cmd, allow);
      if (cmd.subcommands.length > 0) this.setCategory(cmd.subcommands, flag, allow);
    }
  }

  countCategory(commands: readonly AclCommand[], flag: number, counts: { on: number; off: number }): void {
    for (const cmd of commands) {
      if (cmd.categories & flag) {
        if (this.bit(cmd.id)) counts.on++;
        else counts.off++;
      }
      if (cmd.subcommands.length > 0) this.countCategory(cmd.subcommands, flag, counts);
    }
  }

  /**
   * ACLUpdateCommandRules (7.2): the rule replaces an earlier one for the same command or
   * category, and those for its subcommands, and goes to the end.
   */
  private updateCommandRules(rule: string, allow: boolean): void {
    const name = rule.toLowerCase();
    this.commandRules = this.commandRules.filter((r) => {
      const existing = r.slice(1);
      return existing !== name && !(existing.length > name.length && existing.startsWith(name) && existing[name.length] === '|');
    });
    this.commandRules.push(`${allow ? '+' : '-'}${name}`);
  }

  addFirstArg(id: number, arg: string): void {
    this.firstArgs ??= new Map();
    const list = this.firstArgs.get(id) ?? [];
    const lower = cString(arg).toLowerCase();
    if (list.some((a) => cString(a).toLowerCase() === lower)) return;
    list.push(arg);
    this.firstArgs.set(id, list);
  }

  /** ACLSetSelector: one rule on keys, channels or commands; a RuleFailure when refused. */
  apply(op: string): RuleFailure | undefined {
    const table = this.table;
    if (eq(op, 'allkeys') || eq(op, '~*')) {
      this.flags |= SELECTOR_ALLKEYS;
      this.patterns = [];
    } else if (eq(op, 'resetkeys')) {
      this.flags &= ~SELECTOR_ALLKEYS;
      this.patterns = [];
    } else if (eq(op, 'allchannels') || eq(op, '&*')) {
      this.flags |= SELECTOR_ALLCHANNELS;
      this.channels = [];
    } else if (eq(op, 'resetchannels')) {
      this.flags &= ~SELECTOR_ALLCHANNELS;
      this.channels = [];
    } else if (eq(op, 'allcommands') || eq(op, '+@all')) {
      this.allowed.fill(1);
      this.flags |= SELECTOR_ALLCOMMANDS;
      this.firstArgs = undefined;
      this.commandRules = [];
    } else if (eq(op, 'nocommands') || eq(op, '-@all')) {
      this.allowed.fill(0);
      this.flags &= ~SELECTOR_ALLCOMMANDS;
      this.firstArgs = undefined;
      this.commandRules = [];
    } else if (op[0] === '~' || op[0] === '%') {
      if (this.flags & SELECTOR_ALLKEYS) return new RuleFailure('EEXIST');
      let flags = 0;
      let offset = 1;
      if (op[0] === '%') {
        for (; offset < op.length; offset++) {
          const c = (op[offset] as string).toUpperCase();
          if (c === 'R' && !(flags & KEY_READ)) flags |= KEY_READ;
          else if (c === 'W' && !(flags & KEY_WRITE)) flags |= KEY_WRITE;
          else if (op[offset] === '~' && (flags !== 0 || table.emptyKeyPermission !== '7.4')) {
            offset++;
            break;
          } else return new RuleFailure('EINVAL');
        }
        if (flags === 0 && table.emptyKeyPermission === '7.0') return new RuleFailure('EINVAL');
      } else {
        flags = KEY_ALL;
      }
      const pattern = op.slice(offset) as Bytes;
      if (hasSpaces(pattern)) return new RuleFailure('EINVAL');
      const existing = this.patterns.find((p) => p.pattern === pattern);
      if (existing) existing.flags |= flags;
      else this.patterns.push({ pattern, flags });
      this.flags &= ~SELECTOR_ALLKEYS;
    } else if (op[0] === '&') {
      if (this.flags & SELECTOR_ALLCHANNELS) return new RuleFailure('EISDIR');
      const pattern = op.slice(1) as Bytes;
      if (hasSpaces(pattern)) return new RuleFailure('EINVAL');
      if (!this.channels.includes(pattern)) this.channels.push(pattern);
      this.flags &= ~SELECTOR_ALLCHANNELS;
    } else if (op[0] === '+' && op[1] !== '@') {
      const name = cString(op.slice(1));
      const bar = name.lastIndexOf('|');
      if (bar < 0) {
        const cmd = table.lookup(name);
        if (cmd === undefined) return new RuleFailure('ENOENT');
        this.changePerm(cmd, true);
        this.updateCommandRules(cmd.fullName, true);
      } else {
        const cmd = table.lookup(name.slice(0, bar));
        if (cmd === undefined) return new RuleFailure('ENOENT');
        if (cmd.parent !== undefined) return new RuleFailure('ECHILD');
        const sub = name.slice(bar + 1);
        if (sub.length === 0) return new RuleFailure('EINVAL');
        if (cmd.subcommands.length > 0) {
          const subcommand = table.lookup(name);
          if (subcommand === undefined) return new RuleFailure('ENOENT');
          this.changePerm(subcommand, true);
        } else {
          this.addFirstArg(cmd.id, sub);
        }
        this.updateCommandRules(name, true);
      }
    } else if (op[0] === '-' && op[1] !== '@') {
      const cmd = table.lookup(cString(op.slice(1)));
      if (cmd === undefined) return new RuleFailure('ENOENT');
      this.changePerm(cmd, false);
      this.updateCommandRules(cmd.fullName, false);
    } else if ((op[0] === '+' || op[0] === '-') && op[1] === '@') {
      const flag = categoryFlag(op.slice(2));
      if (flag === 0) return new RuleFailure('ENOENT');
      this.updateCommandRules(cString(op.slice(1)), op[0] === '+');
      this.setCategory(table.top, flag, op[0] === '+');
    } else {
      return new RuleFailure('EINVAL');
    }
    return undefined;
  }

  /** ACLDescribeSelectorCommandRules: +@all or -@all, best-fitting categories, then single commands. */
  describeCommandRules(): string {
    const table = this.table;
    if (table.keepsRuleOrder) return [this.futureCommands ? '+@all' : '-@all', ...this.commandRules].join(' ');
    const rules: string[] = [];
    const fake = new Selector(table, 0);
    const additive = !this.futureCommands;
    rules.push(additive ? '-@all' : '+@all');
    fake.apply(additive ? '-@all' : '+@all');
    const temp = new Selector(table, 0);
    temp.allowed.set(this.allowed);
    const applied = new Set<number>();
    for (;;) {
      let best = -1;
      let mindiff = Number.MAX_SAFE_INTEGER;
      let maxsame = 0;
      for (let j = 0; j < ACL_CATEGORIES.length; j++) {
        if (applied.has(j)) continue;
        const counts = { on: 0, off: 0 };
        temp.countCategory(table.top, 1 << j, counts);
        const diff = additive ? counts.off : counts.on;
        const same = additive ? counts.on : counts.off;
        if (same > diff && (diff < mindiff || (diff === mindiff && same > maxsame))) {
          best = j;
          mindiff = diff;
          maxsame = same;
        }
      }
      if (best === -1) break;
      const name = ACL_CATEGORIES[best] as string;
      fake.setCategory(table.top, 1 << best, additive);
      temp.setCategory(table.top, 1 << best, !additive);
      rules.push(`${additive ? '+' : '-'}@${name}`);
      applied.add(best);
    }
    this.describeSingleCommands(fake, table.top, rules);
    return rules.join(' ');
  }

  private describeSingleCommands(fake: Selector, commands: readonly AclCommand[], rules: string[]): void {
    for (const cmd of commands) {
      const userbit = this.bit(cmd.id);
      if (userbit !== fake.bit(cmd.id)) {
        rules.push(`${userbit ? '+' : '-'}${cmd.fullName}`);
        fake.changePerm(cmd, userbit);
      }
      if (cmd.subcommands.length > 0) this.describeSingleCommands(fake, cmd.subcommands, rules);
      const firstArgs = this.firstArgs?.get(cmd.id);
      if (!userbit && firstArgs) for (const arg of firstArgs) rules.push(`+${cmd.fullName}|${arg}`);
    }
  }

  /** "%R~pattern", "%W~pattern" or "~pattern". */
  static patternString(p: KeyPattern): string {
    return `${p.flags === KEY_ALL ? '~' : p.flags === KEY_READ ? '%R~' : '%W~'}${p.pattern}`;
  }

  /** ACLDescribeSelector: keys, channels, then command rules. */
  describe(): string {
    let res = '';
    if (this.flags & SELECTOR_ALLKEYS) res += '~* ';
    else for (const p of this.patterns) res += `${Selector.patternString(p)} `;
    if (this.flags & SELECTOR_ALLCHANNELS) res += '&* ';
    else {
      res += 'resetchannels ';
      for (const c of this.channels) res += `&${c} `;
    }
    return res + this.describeCommandRules();
  }
}

// ---- users ---------------------------------------------------------------------------

export const USER_ENABLED = 1;
export const USER_DISABLED = 2;
export const USER_NOPASS = 4;
export const USER_SKIP_SANITIZE = 8;
export const USER_SANITIZE = 16;

/** User flags in the order ACL LIST and GETUSER print them. */
export const USER_FLAG_NAMES: Array<[number, string]> = [
  [USER_ENABLED, 'on'],
  [USER_DISABLED, 'off'],
  [USER_NOPASS, 'nopass'],
  [USER_SKIP_SANITIZE, 'skip-sanitize-payload'],
  [USER_SANITIZE, 'sanitize-payload'],
];

/** The SHA-256 of a password in lower-case hex, as ACL rules store passwords. */
export function hashPassword(password: string): string {
  return createHash('sha256').update(Buffer.from(password, 'latin1')).digest('hex');
}

function validHash(hash: string): boolean {
  return /^[0-9a-f]{64}$/.test(hash);
}

export class AclUser {
  flags = USER_DISABLED;
  passwords: string[] = [];
  selectors: Selector[];
  private described: string | undefined;

  constructor(
    readonly name: Bytes,
    public table: AclCommandTable,
    /** acl-pubsub-default: new selectors start with all channels. */
    pubsubDefault: number,
  ) {
    this.selectors = [new Selector(table, SELECTOR_ROOT | pubsubDefault)];
    // Redis 7.2's ACLCreateUser starts users with sanitize-payload.
    if (table.keepsRuleOrder) this.flags |= USER_SANITIZE;
  }

  get root(): Selector {
    return this.selectors[0] as Selector;
  }

  get enabled(): boolean {
    return (this.flags & USER_DISABLED) === 0;
  }

  /** The server's commands changed (MODULE LOAD): every selector over the new table. */
  retable(table: AclCommandTable): void {
    this.table = table;
    for (const selector of this.selectors) selector.retable(table);
    this.described = undefined;
  }

  /** ACLCopyUser: takes the other's rules, keeps its own name. */
  copyFrom(other: AclUser): void {
    this.flags = other.flags;
    this.passwords = [...other.passwords];
    this.selectors = other.selectors.map((s) => s.copy());
    this.described = undefined;
  }

  clone(name: Bytes = this.name): AclUser {
    const user = new AclUser(name, this.table, 0);
    user.copyFrom(this);
    return user;
  }

  /** ACLSetUser: one rule; undefined when applied, else the reason it was refused. */
  apply(op: string, pubsubDefault: number): RuleFailure | undefined {
    this.described = undefined;
    if (op.length === 0) return undefined;
    if (eq(op, 'on')) {
      this.flags = (this.flags | USER_ENABLED) & ~USER_DISABLED;
    } else if (eq(op, 'off')) {
      this.flags = (this.flags | USER_DISABLED) & ~USER_ENABLED;
    } else if (eq(op, 'skip-sanitize-payload')) {
      this.flags = (this.flags | USER_SKIP_SANITIZE) & ~USER_SANITIZE;
    } else if (eq(op, 'sanitize-payload')) {
      this.flags = (this.flags | USER_SANITIZE) & ~USER_SKIP_SANITIZE;
    } else if (eq(op, 'nopass')) {
      this.flags |= USER_NOPASS;
      this.passwords = [];
    } else if (eq(op, 'resetpass')) {
      this.flags &= ~USER_NOPASS;
      this.passwords = [];
    } else if (op[0] === '>' || op[0] === '#') {
      let hash: string;
      if (op[0] === '>') hash = hashPassword(op.slice(1));
      else {
        hash = op.slice(1);
        if (!validHash(hash)) return new RuleFailure('EBADMSG');
      }
      if (!this.passwords.includes(hash)) this.passwords.push(hash);
      this.flags &= ~USER_NOPASS;
    } else if (op[0] === '<' || op[0] === '!') {
      let hash: string;
      if (op[0] === '<') hash = hashPassword(op.slice(1));
      else {
        hash = op.slice(1);
        if (!validHash(hash)) return new RuleFailure('EBADMSG');
      }
      const index = this.passwords.indexOf(hash);
      if (index < 0) return new RuleFailure('ENODEV');
      this.passwords.splice(index, 1);
    } else if (op[0] === '(' && op[op.length - 1] === ')') {
      const selector = new Selector(this.table, pubsubDefault);
      // sdssplitargs: unbalanced quotes give no rules (an empty selector).
      for (const inner of splitInlineArgs(op.slice(1, -1)) ?? []) {
        const failure = selector.apply(inner);
        if (failure) return failure;
      }
      this.selectors.push(selector);
    } else if (eq(op, 'clearselectors')) {
      this.selectors.length = 1;
    } else if (eq(op, 'reset')) {
      this.apply('resetpass', pubsubDefault);
      this.apply('resetkeys', pubsubDefault);
      this.apply('resetchannels', pubsubDefault);
      if (pubsubDefault & SELECTOR_ALLCHANNELS) this.apply('allchannels', pubsubDefault);
      this.apply('off', pubsubDefault);
      this.apply('sanitize-payload', pubsubDefault);
      this.apply('clearselectors', pubsubDefault);
      this.apply('-@all', pubsubDefault);
    } else {
      return this.root.apply(op);
    }
    return undefined;
  }

  /** ACLDescribeUser: flags, password hashes, the root selector, then "(...)" selectors. */
  describe(): string {
    if (this.described !== undefined) return this.described;
    let res = '';
    for (const [flag, name] of USER_FLAG_NAMES) if (this.flags & flag) res += `${name} `;
    for (const hash of this.passwords) res += `#${hash} `;
    for (const selector of this.selectors) {
      const text = selector.describe();
      res += selector.flags & SELECTOR_ROOT ? text : ` (${text})`;
    }
    this.described = res;
    return res;
  }

  /** ACLCheckUserCredentials' password part. */
  passwordMatches(password: Bytes): boolean {
    if (this.flags & USER_NOPASS) return true;
    return this.passwords.includes(hashPassword(password));
  }
}

/**
 * ACLMergeSelectorArguments: a selector given over several arguments ("(~a", "+get)") is
 * joined with spaces. Undefined, with the index of the opening argument, when one is
 * never closed.
 */
export function mergeSelectorArguments(args: readonly string[]): { merged: string[] } | { unmatched: number } {
  const merged: string[] = [];
  let open = -1;
  let selector = '';
  for (let j = 0; j < args.length; j++) {
    const op = args[j] as string;
    if (op[0] === '(' && op[op.length - 1] !== ')') {
      selector = op;
      open = j;
      continue;
    }
    if (open !== -1) {
      selector += ` ${op}`;
      if (op[op.length - 1] === ')') {
        open = -1;
        merged.push(selector);
      }
      continue;
    }
    merged.push(op);
  }
  return open !== -1 ? { unmatched: open } : { merged };
}
