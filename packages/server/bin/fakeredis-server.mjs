#!/usr/bin/env node
// The fakeredis-server command. A committed file (not dist/cli.mjs itself), so package
// managers can link the bin before the package is built, without "Failed to create bin".
import '../dist/cli.mjs';
