export { runScenarios, withStartConfig, runScenario, compare, withTimeout, TIMED_OUT, STEP_TIMEOUT_MS, type Scenario, type Step, type CommandStep, type Compare, type ConformanceOptions } from './runner.js';
export { WireConnection, connectFake, connectReal, type Arg } from './connection.js';
export { WireReader, encodeCommand, showWire, type Wire } from './wire.js';
export { fuzzCommands, replaySequence, type FuzzOptions } from './fuzz.js';
export { freePort, startRealServer, redisServerAvailable, redisServerVersion, SHARED_START_CONFIG, type RealServer } from './real-server.js';
