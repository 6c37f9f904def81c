import { runScenarios } from '@fakeredis/tooling/conformance';
import { CITIES, geoadd, options } from './server.js';

const sicily = ['GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania', '13.583333', '37.316667', 'Agrigento'];

// GEORADIUS, GEORADIUSBYMEMBER and their _RO forms: replies, options, errors.
runScenarios('geo: GEORADIUS', options, [
  { name: 'members within a radius, natural order', steps: [
    sicily, ['GEORADIUS', 'Sicily', '15', '37', '200', 'km'], ['GEORADIUS', 'Sicily', '15', '37', '100', 'km'], ['GEORADIUS', 'Sicily', '15', '37', '1', 'm'],
    ['GEORADIUS_RO', 'Sicily', '15', '37', '200', 'km'], ['GEORADIUS', 'Sicily', '15', '37', '200000', 'M'], ['GEORADIUS', 'Sicily', '15', '37', '124.27', 'mi'],
    ['GEORADIUS', 'Sicily', '15', '37', '656168', 'ft'],
  ] },
  { name: 'WITHDIST WITHHASH WITHCOORD in any order', steps: [
    sicily, ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'WITHDIST'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'WITHHASH'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'WITHCOORD'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'withcoord', 'withhash', 'withdist'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'mi', 'WITHDIST', 'WITHDIST', 'ASC'], ['GEORADIUS_RO', 'Sicily', '15', '37', '200', 'ft', 'WITHDIST', 'WITHCOORD', 'DESC'],
  ] },
  { name: 'ASC DESC COUNT ANY', steps: [
    sicily, ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'ASC'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'DESC'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'ASC', 'DESC'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '1'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '2', 'DESC'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '1', 'ANY'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'ANY', 'COUNT', '2', 'DESC'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '99', 'WITHDIST'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '9223372036854775807'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '5', 'COUNT', '1'],
  ] },
  { name: 'option errors', steps: [
    sicily, ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '0'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '-1'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', 'x'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '9223372036854775808'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'ANY'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'bad'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'd', 'WITHDIST'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'WITHHASH', 'STOREDIST', 'd'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'FROMMEMBER', 'Palermo'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'BYRADIUS', '1', 'km'], ['GEORADIUS_RO', 'Sicily', '15', '37', '200', 'km', 'STORE', 'd'],
    ['GEORADIUS_RO', 'Sicily', '15', '37', '200', 'km', 'STOREDIST', 'd'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '0', 'bad'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'bad', 'COUNT', '0'], ['EXISTS', 'd'],
  ] },
  { name: 'centre and radius errors', steps: [
    sicily, ['GEORADIUS', 'Sicily', '15', '37', '-1', 'km'], ['GEORADIUS', 'Sicily', '15', '37', 'x', 'km'], ['GEORADIUS', 'Sicily', '15', '37', '1', 'yd'],
    ['GEORADIUS', 'Sicily', '200', '37', '1', 'km'], ['GEORADIUS', 'Sicily', 'x', '37', '1', 'km'], ['GEORADIUS', 'Sicily', '15', '-90', '1', 'km'],
    ['GEORADIUS', 'Sicily', '15', '37', 'nan', 'km'], ['GEORADIUS', 'Sicily', '15', '37', '-0', 'km'], ['GEORADIUS', 'Sicily', '15', '37', '200'], ['GEORADIUS', 'Sicily', '15', '37'],
  ] },
  { name: 'missing and wrong-type keys', steps: [
    ['SET', 's', 'v'], ['GEORADIUS', 'missing', '15', '37', '200', 'km'], ['GEORADIUS', 'missing', '200', '37', '200', 'km'], ['GEORADIUS', 'missing', '15', '37', '-200', 'km'],
    ['GEORADIUS', 'missing', '15', '37', '200', 'km', 'bad'], ['GEORADIUS', 'missing', '15', '37', '200', 'km', 'ANY'], ['GEORADIUS', 'missing', '15', '37', '200', 'km', 'WITHDIST', 'STORE', 'x'],
    ['GEORADIUS', 's', '15', '37', '200', 'km'], ['GEORADIUS', 's', '200', '37', '200', 'km'], ['GEORADIUSBYMEMBER', 's', 'm', '200', 'km'],
  ] },
  { name: 'GEORADIUSBYMEMBER', steps: [
    sicily, ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '200', 'km'], ['GEORADIUSBYMEMBER', 'Sicily', 'Agrigento', '100', 'km', 'WITHDIST', 'WITHCOORD', 'WITHHASH', 'ASC'],
    ['GEORADIUSBYMEMBER_RO', 'Sicily', 'Catania', '300', 'km', 'DESC', 'COUNT', '2'], ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '0', 'm', 'WITHDIST'],
    ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '200', 'km', 'COUNT', '1', 'ANY'],
  ] },
  { name: 'GEORADIUSBYMEMBER errors', steps: [
    sicily, ['GEORADIUSBYMEMBER', 'Sicily', 'nope', '200', 'km'], ['GEORADIUSBYMEMBER', 'Sicily', 'nope', '-200', 'km'], ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '-200', 'km'],
    ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '200', 'yd'], ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '200', 'km', 'COUNT', '0'],
    ['GEORADIUSBYMEMBER_RO', 'Sicily', 'Palermo', '200', 'km', 'STOREDIST', 'x'], ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '200'],
    ['GEORADIUSBYMEMBER', 'missing', 'nope', '200', 'km'], ['GEORADIUSBYMEMBER', 'missing', 'nope', '-200', 'yd'], ['GEORADIUSBYMEMBER', 'missing', 'nope', '200', 'km', 'bad'],
    ['GEORADIUSBYMEMBER', 'missing', 'nope', '200', 'km', 'ANY'], ['GEORADIUSBYMEMBER', 'missing', 'nope', '200', 'km', 'STORE', 'x'],
  ] },
  { name: 'cities within 2000 km of Rome in every form', steps: [
    geoadd('g', CITIES), ['GEORADIUS', 'g', '12.5', '41.9', '2000', 'km'], ['GEORADIUS', 'g', '12.5', '41.9', '2000', 'km', 'WITHDIST', 'ASC'],
    ['GEORADIUSBYMEMBER', 'g', 'Rome', '2000', 'km', 'WITHDIST', 'DESC'], ['GEORADIUSBYMEMBER', 'g', 'Rome', '1500', 'mi', 'COUNT', '3', 'WITHHASH'],
    ['GEORADIUSBYMEMBER', 'g', 'Rome', '1500', 'mi', 'COUNT', '3', 'ANY', 'WITHCOORD'],
  ] },
  { name: 'inside MULTI and on a changed set', steps: [
    sicily, ['MULTI'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km'], ['ZREM', 'Sicily', 'Palermo'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'WITHDIST'], ['EXEC'],
  ] },
]);
