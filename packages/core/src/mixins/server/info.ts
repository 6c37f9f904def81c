import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { VerbatimReply } from '../../reply.js';
import { defineModuleState, type FakeServer } from '../../server.js';
import { LATER_INFO_FIELDS } from '../../profile-info.js';
import { valkeyInfoFields } from '../../profile-valkey.js';
import { INFO_SECTIONS, type InfoField } from './info-sections.js';

/**
 * INFO [section ...]: Redis 7.0's sections, field names and formats, with values from
 * the server's state. Modules add or replace fields of a section with addInfoFields().
 */

/** Sections in print order; `default` ones are what INFO prints without arguments. */
const SECTION_ORDER: Array<{ name: string; title: string; default: boolean }> = [
  { name: 'server', title: 'Server', default: true },
  { name: 'clients', title: 'Clients', default: true },
  { name: 'memory', title: 'Memory', default: true },
  { name: 'persistence', title: 'Persistence', default: true },
  { name: 'threads', title: 'Threads', default: true },
  { name: 'stats', title: 'Stats', default: true },
  { name: 'replication', title: 'Replication', default: true },
  { name: 'cpu', title: 'CPU', default: true },
  { name: 'hotkeys', title: 'Hotkeys', default: true },
  { name: 'modules', title: 'Modules', default: true },
  { name: 'commandstats', title: 'Commandstats', default: false },
  { name: 'errorstats', title: 'Errorstats', default: true },
  { name: 'latencystats', title: 'Latencystats', default: false },
  { name: 'cluster', title: 'Cluster', default: true },
  { name: 'keyspace', title: 'Keyspace', default: true },
  { name: 'keydb', title: 'KeyDB', default: true },
  { name: 'keysizes', title: 'Keysizes', default: true },
];

/** A module's field; `after` names the field it follows when the section does not have it yet (else it goes last). */
export type ModuleInfoField = readonly [name: string, value: string | number, after?: string];
export type InfoFieldsProvider = (server: FakeServer) => ModuleInfoField[];

/** Each server's added fields, by section. */
const infoProviders = defineModuleState('info fields', () => new Map<string, InfoFieldsProvider[]>());

/**
 * Adds fields to an INFO section of one server (a module's own counters). A field whose
 * name the section already has replaces it in place; new fields are appended.
 */
export function addInfoFields(server: FakeServer, section: string, provider: InfoFieldsProvider): void {
  const bySection = server.moduleState(infoProviders);
  const list = bySection.get(section) ?? [];
  list.push(provider);
  bySection.set(section, list);
}

/** The sections INFO's arguments select (Redis's genInfoSectionDict). */
function selectSections(args: readonly Bytes[]): Set<string> {
  const selected = new Set<string>();
  if (args.length === 0) args = ['default' as Bytes];
  for (const arg of args) {
    const name = arg.toLowerCase();
    if (name === 'all' || name === 'everything') {
      for (const s of SECTION_ORDER) selected.add(s.name);
    } else if (name === 'default') {
      for (const s of SECTION_ORDER) if (s.default) selected.add(s.name);
    } else {
      selected.add(name);
    }
  }
  return selected;
}

function sectionFields(server: FakeServer, name: string): InfoField[] {
  const fields = INFO_SECTIONS[name]?.(server) ?? [];
  // A field placed after one another provider adds waits for it (then goes last if it never comes).
  let waiting: ModuleInfoField[] = [];
  const place = ([key, value, after]: ModuleInfoField, last: boolean): void => {
    const at = fields.findIndex(([name]) => name === key);
    const follows = at < 0 && after !== undefined ? fields.findIndex(([name]) => name === after) : -1;
    if (at >= 0) fields[at] = [key, value];
    else if (follows >= 0) fields.splice(follows + 1, 0, [key, value]);
    else if (after === undefined || last) fields.push([key, value]);
    else waiting.push([key, value, after]);
  };
  for (const provider of server.moduleState(infoProviders).get(name) ?? []) {
    for (const field of provider(server)) place(field, false);
    const retry = waiting;
    waiting = [];
    for (const field of retry) place(field, false);
  }
  for (const field of waiting) place(field, true);
  // Fields Redis added after 7.0 show where the profile's version has them (Valkey's: profile-valkey.ts).
  const later = valkeyInfoFields(server.profile) ?? server.profile.info.fields;
  return fields.filter(([field]) => !LATER_INFO_FIELDS.has(field) || later.has(field));
}

/** The INFO text for the given arguments. */
export function infoText(server: FakeServer, args: readonly Bytes[]): string {
  const selected = selectSections(args);
  const parts: string[] = [];
  const present = server.profile.infoSections;
  for (const section of SECTION_ORDER) {
    if (!selected.has(section.name) || present[section.name] === false) continue;
    const lines = sectionFields(server, section.name).map(([key, value]) => `${key}:${value}\r\n`);
    parts.push(`# ${section.title}\r\n${lines.join('')}`);
  }
  return parts.join('\r\n');
}

export const INFO: CommandHandler = (client, argv) => new VerbatimReply('txt', infoText(client.server, argv.slice(1)) as Bytes);
