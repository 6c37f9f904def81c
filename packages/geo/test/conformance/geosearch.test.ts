import { runScenarios } from '@fakeredis/tooling/conformance';
import { CITIES, geoadd, options } from './server.js';

const sicily = ['GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania', '13.583333', '37.316667', 'Agrigento'];

// GEOSEARCH: FROMMEMBER | FROMLONLAT, BYRADIUS | BYBOX, and the shared options.
runScenarios('geo: GEOSEARCH', options, [
  { name: 'FROMLONLAT BYRADIUS', steps: [
    sicily, ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km'], ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '100', 'km', 'WITHDIST'],
    ['GEOSEARCH', 'Sicily', 'fromlonlat', '15', '37', 'byradius', '200', 'KM', 'withcoord', 'withdist', 'withhash', 'desc'],
    ['GEOSEARCH', 'Sicily', 'BYRADIUS', '200', 'km', 'FROMLONLAT', '15', '37', 'ASC', 'COUNT', '2'],
  ] },
  { name: 'FROMMEMBER BYBOX', steps: [
    sicily, ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYBOX', '400', '400', 'km', 'WITHDIST', 'ASC'],
    ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYBOX', '400', '10', 'km', 'WITHDIST'], ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYBOX', '10', '400', 'km'],
    ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Catania', 'BYBOX', '200', '200', 'mi', 'WITHCOORD', 'COUNT', '1'], ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Agrigento', 'BYBOX', '0', '0', 'm', 'WITHDIST'],
  ] },
  { name: 'FROMLONLAT BYBOX and FROMMEMBER BYRADIUS', steps: [
    sicily, ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '14', '37.7', 'BYBOX', '300', '150', 'km', 'WITHDIST', 'WITHHASH'],
    ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Agrigento', 'BYRADIUS', '150', 'km', 'WITHDIST', 'DESC'], ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Agrigento', 'BYRADIUS', '150', 'km', 'COUNT', '2', 'ANY'],
  ] },
  { name: 'repeated FROMMEMBER, FROMLONLAT and BYRADIUS: the last one counts', steps: [
    sicily, ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'FROMLONLAT', '13', '38', 'BYRADIUS', '100', 'km'],
    ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'FROMMEMBER', 'Catania', 'BYRADIUS', '100', 'km', 'BYRADIUS', '10', 'km', 'WITHDIST'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', '1', 'km', 'BYBOX', '900', '900', 'km'],
  ] },
  { name: 'conflicting and missing options', steps: [
    sicily, ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '200', 'km'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'BYBOX', '1', '1', 'km'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', '1', 'km', 'BYRADIUS', '200', 'km'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'WITHDIST', 'WITHHASH'], ['GEOSEARCH', 'Sicily', 'BYRADIUS', '200', 'km', 'WITHDIST'],
    ['GEOSEARCH', 'Sicily', 'COUNT', '1', 'ANY', 'ASC'], ['geosearch', 'Sicily', 'COUNT', '1', 'ANY', 'ASC'], ['GeoSearch', 'Sicily', 'FROMLONLAT', '15', '37', 'ASC', 'ANY'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'ANY'], ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'STORE', 'x'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'STOREDIST'], ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'STOREDIST', 'x'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37'], ['GEOSEARCH', 'Sicily'],
  ] },
  { name: 'truncated option arguments', steps: [
    sicily, ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200'], ['GEOSEARCH', 'Sicily', 'BYRADIUS', '200', 'km', 'FROMLONLAT', '15'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', '1'], ['GEOSEARCH', 'Sicily', 'BYRADIUS', '200', 'km', 'FROMMEMBER'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'COUNT'],
  ] },
  { name: 'value errors', steps: [
    sicily, ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', 'x', 'BYRADIUS', '200', 'km'], ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '89', 'BYRADIUS', '200', 'km'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', '-1', 'km'], ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '-1', 'x', 'km'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', 'x', '1', 'km'], ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', 'x', 'km'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', '1', 'yd'], ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', 'x', 'km'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '-5', 'km'], ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'nope', 'BYBOX', '1', '1', 'yd'],
    ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'nope', 'FROMMEMBER', 'Palermo', 'BYBOX', '1', '1', 'km'], ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'FROMMEMBER', 'nope', 'BYBOX', '1', '1', 'km'],
    ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'COUNT', '0'], ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'COUNT', '1.5'],
  ] },
  { name: 'missing and wrong-type keys', steps: [
    ['SET', 's', 'v'], ['GEOSEARCH', 'missing', 'FROMMEMBER', 'nope', 'BYBOX', '1', '1', 'km'], ['GEOSEARCH', 'missing', 'FROMMEMBER', 'nope', 'BYBOX', '1', '-1', 'km'],
    ['GEOSEARCH', 'missing', 'FROMLONLAT', '15', '37', 'COUNT', '1', 'ANY'], ['GEOSEARCH', 'missing', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'km', 'ANY'],
    ['GEOSEARCH', 'missing', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'km', 'WITHDIST'], ['GEOSEARCH', 's', 'FROMMEMBER', 'nope', 'BYBOX', '1', '1', 'km'],
    ['GEOSEARCH', 's', 'FROMLONLAT', '15', '370', 'BYBOX', '1', '1', 'km'],
  ] },
  { name: 'cities in a box around Europe', steps: [
    geoadd('g', CITIES), ['GEOSEARCH', 'g', 'FROMLONLAT', '10', '48', 'BYBOX', '3000', '2000', 'km'], ['GEOSEARCH', 'g', 'FROMLONLAT', '10', '48', 'BYBOX', '3000', '2000', 'km', 'ASC', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMMEMBER', 'Paris', 'BYBOX', '2000', '2000', 'mi', 'DESC', 'WITHCOORD'], ['GEOSEARCH', 'g', 'FROMMEMBER', 'Berlin', 'BYRADIUS', '1200', 'km', 'COUNT', '4', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMMEMBER', 'Berlin', 'BYRADIUS', '1200', 'km', 'COUNT', '4', 'ANY', 'WITHDIST'],
  ] },
]);
