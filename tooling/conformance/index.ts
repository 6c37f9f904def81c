export { runScenarios, withStartConfig, pipeline, runScenario, runScenarioDetailed, compare, withTimeout, MONITOR_LINES, commandLogEntries, CLIENT_FIELDS_OF_THE_CONNECTION, clientInfoLines, withDirtyChecks, TIMED_OUT, STEP_TIMEOUT_MS, ACTIVE_EXPIRE_MARGIN_MS, type Scenario, type ScenarioResult, type Step, type CommandStep, type Compare, type ConformanceOptions } from './runner.js';
export { EVENT_PATTERN, DEFAULT_EVENT_CLASSES, compareEvents, showMessages, type KeyspaceMessage, type CollectedEvents } from './events.js';
export { WireConnection, connectFake, connectReal, type Arg } from './connection.js';
export { WireReader, encodeCommand, showWire, type Wire } from './wire.js';
export { fuzzCommands, replaySequence, type FuzzOptions } from './fuzz.js';
export { freePort, startRealServer, redisServerAvailable, redisServerVersion, SHARED_START_CONFIG, sharedStartConfig, type RealServer } from './real-server.js';
export * from './keyspace-events/index.js';
export { runDumpRoundTrips, type DumpCase } from './dump-round-trip.js';
export { AofRealServer, describePropagationCases, normalizeTimes, runFakeCase, runRealCase, showAof, type PropagationCase, type PropagationStep, type PropagationSide } from './propagation.js';
