import {
  type Bytes,
  type Client,
  type CommandHandler,
  ERR_NOT_INTEGER,
  ERR_OUT_OF_RANGE_POSITIVE,
  ERR_SYNTAX,
  ErrorReply,
  errValueMustBetween,
  INT64_MAX,
  type Reply,
  SetReply,
  tryParseInt64,
  notifyGeneric,
} from '@fakeredis/core';
import { parsePositiveLong } from '../args.js';
import { type SetLimits, setLimits } from '../limits.js';
import { MemberTable } from '../member-table.js';
import { RedisSet, setType } from '../value.js';
import { sunionDiffGeneric } from './algebra.js';

/** SPOP count: random removals while few are taken, else rebuild from the survivors. */
const SPOP_MOVE_STRATEGY_MUL = 5;
/** SRANDMEMBER count: copy and thin the set only when the count is a third of it or more. */
const SRANDMEMBER_SUB_STRATEGY_MUL = 3;
/**
 * SRANDMEMBER with a negative count repeats members, so the reply has no bound; Redis
 * builds whatever is asked until memory runs out. The fake answers an error past this
 * many members instead of exhausting the process.
 */
export const MAX_REPEATED_RANDOM_MEMBERS = 2 ** 24;

/** The server's seeded generator as Redis's random index: an integer in [0, n). */
function randomIndex(client: Client): (n: number) => number {
  const random = client.server.random;
  return (n) => random.int(n);
}

/**
 * `count` of `members` chosen uniformly, kept in their order (Knuth's selection
 * sampling, as Redis 7.2's lpNextRandom walks a listpack once).
 */
function sampleInOrder(members: readonly Bytes[], count: number, random: (n: number) => number): Bytes[] {
  const chosen: Bytes[] = [];
  for (let i = 0; i < members.length && chosen.length < count; i++) {
    if (random(members.length - i) < count - chosen.length) chosen.push(members[i] as Bytes);
  }
  return chosen;
}

/** SPOP key [count] */
export const SPOP: CommandHandler = (client, argv) => {
  if (argv.length === 3) return spopWithCount(client, argv);
  if (argv.length > 3) throw ERR_SYNTAX;
  const db = client.db;
  const key = argv[1] as Bytes;
  const set = setType.write(db, key);
  if (set === undefined) return null;
  const member = set.random(randomIndex(client));
  set.remove(member);
  setType.notify(db, 'spop', key);
  setType.deleteIfEmpty(db, key, set);
  db.signalModifiedKey(key);
  return member;
};

function spopWithCount(client: Client, argv: Bytes[]): Reply {
  const count = parsePositiveLong(argv[2] as Bytes, ERR_OUT_OF_RANGE_POSITIVE);
  const db = client.db;
  const key = argv[1] as Bytes;
  const set = setType.write(db, key);
  if (set === undefined || count === 0) return new SetReply([]);
  const size = set.size;
  const limits = setLimits(client.server);
  const random = randomIndex(client);
  setType.notify(db, 'spop', key);
  client.server.addDirty(Math.min(count, size));
  // Case 1: everything goes; the reply is SUNION of the key, as Redis builds it.
  if (count >= size) {
    const all = sunionDiffGeneric(client, [key], 'union');
    db.delete(key);
    notifyGeneric(db, 'del', key);
    return new SetReply([...all.members()]);
  }
  const remaining = size - count;
  let popped: Bytes[];
  if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
    // Case 2: pop members one by one (a listpack, in 7.2, in a single ordered pass).
    if (set.encoding() === 'listpack') {
      popped = sampleInOrder([...set.members()], count, random);
      for (const member of popped) set.remove(member);
    } else {
      popped = [];
      for (let i = 0; i < count; i++) {
        const member = set.random(random);
        popped.push(member);
        set.remove(member);
      }
    }
  } else {
    // Case 3: move the few survivors to a new set, reply with what is left of the old one.
    let survivors: RedisSet | undefined;
    if (set.encoding() === 'listpack') {
      survivors = new RedisSet('listpack');
      for (const member of sampleInOrder([...set.members()], remaining, random)) {
        survivors.add(member, limits);
        set.remove(member);
      }
    } else {
      for (let i = 0; i < remaining; i++) {
        const member = set.random(random);
        survivors ??= newSurvivorSet(set, member, limits);
        survivors.add(member, limits);
        set.remove(member);
      }
    }
    popped = [...set.members()];
    // dbOverwrite: the key keeps its TTL.
    const entry = db.entry(key);
    if (entry !== undefined) entry.value = survivors as RedisSet;
  }
  db.signalModifiedKey(key);
  return new SetReply(popped);
}

/**
 * The set SPOP's case 3 rebuilds: 7.0 creates it for its first member (setTypeCreate);
 * 7.2 makes an intset from an intset and a listpack from a hashtable.
 */
function newSurvivorSet(source: RedisSet, first: Bytes, limits: SetLimits): RedisSet {
  if (limits.listpack === undefined) return RedisSet.create(first, limits);
  return new RedisSet(source.encoding() === 'intset' ? 'intset' : 'listpack');
}

/** SRANDMEMBER key [count] */
export const SRANDMEMBER: CommandHandler = (client, argv) => {
  if (argv.length === 3) return srandmemberWithCount(client, argv);
  if (argv.length > 3) throw ERR_SYNTAX;
  const set = setType.read(client, argv[1] as Bytes);
  return set === undefined ? null : set.random(randomIndex(client));
};

function srandmemberWithCount(client: Client, argv: Bytes[]): Reply {
  const l = tryParseInt64(argv[2] as Bytes);
  if (l === undefined) throw ERR_NOT_INTEGER;
  if (l < -INT64_MAX) throw errValueMustBetween(-INT64_MAX, INT64_MAX);
  const unique = l >= 0n;
  const count = Number(unique ? l : -l);
  const set = setType.read(client, argv[1] as Bytes);
  if (set === undefined || count === 0) return [];
  const size = set.size;
  const random = randomIndex(client);
  // Case 1: a negative count samples the whole set each time, repeats allowed.
  if (!unique || count === 1) {
    if (count > MAX_REPEATED_RANDOM_MEMBERS) {
      throw new ErrorReply(`ERR fakeredis replies with at most ${MAX_REPEATED_RANDOM_MEMBERS} random members`);
    }
    const picks: Bytes[] = new Array(count);
    for (let i = 0; i < count; i++) picks[i] = set.random(random);
    return picks;
  }
  // Case 2: the count covers the set: all of it, in iteration order.
  if (count >= size) return [...set.members()];
  // 7.2: a listpack is sampled in one ordered pass.
  if (set.encoding() === 'listpack') return sampleInOrder([...set.members()], count, random);
  // Case 3: the count is close to the size: copy the set and drop random members.
  if (count * SRANDMEMBER_SUB_STRATEGY_MUL > size) {
    const copy = new MemberTable();
    for (const member of set.members()) copy.add(member);
    while (copy.size > count) copy.delete(copy.random(random));
    return [...copy];
  }
  // Case 4: a small count of a big set: draw until enough distinct members, no copy.
  const picked = new Set<Bytes>();
  while (picked.size < count) picked.add(set.random(random));
  return [...picked];
}
