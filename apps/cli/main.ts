#!/usr/bin/env node
import { runCli } from './src/cli';

// A command that failed may leave connections open (a server that failed half-way through its
// start-up): it ends with its exit code rather than hang.
void runCli(process.argv).then(() => {
  if (process.exitCode) process.exit();
});
