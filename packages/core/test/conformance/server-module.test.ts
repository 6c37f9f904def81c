import { runScenarios, withStartConfig } from '@fakeredis/tooling/conformance';
import { serverForConformance } from '../server/fixtures.js';

const options = { createServer: (config: Record<string, string>) => serverForConformance(config) };

// MODULE with no module loaded: the protected-command refusal by default, then (with
// enable-module-command) Redis's answers for paths that cannot be loaded.
runScenarios('server: MODULE (enable-module-command no)', options, [
  { name: 'MODULE LIST, HELP and the protected subcommands', steps: [
    ['MODULE', 'LIST'], ['MODULE', 'HELP'], ['MODULE', 'LOAD', '/nonexistent/x.so'], ['MODULE', 'LOADEX', '/x.so'], ['MODULE', 'UNLOAD', 'x'],
    ['MODULE', 'NOPE'], ['MODULE', 'LIST', 'x'], ['MODULE'], ['MODULE', 'UNLOAD'],
  ] },
]);

runScenarios('server: MODULE (enable-module-command yes)', withStartConfig(options, { 'enable-module-command': 'yes' }), [
  { name: 'MODULE LOAD, LOADEX and UNLOAD of modules that cannot be loaded', steps: [
    ['MODULE', 'LOAD', '/nonexistent/x.so', 'a', 'b'], ['MODULE', 'LOADEX', '/nonexistent/x.so', 'CONFIG', 'a'], ['MODULE', 'LOADEX', '/nonexistent/x.so', 'FOO'],
    ['MODULE', 'LOADEX', '/nonexistent/x.so', 'CONFIG', 'a', 'b', 'ARGS', 'x'], ['MODULE', 'UNLOAD', 'nosuch'], ['MODULE', 'LIST'],
  ] },
  { name: 'MEMORY DOCTOR of an empty instance', steps: [['MEMORY', 'DOCTOR']] },
]);
