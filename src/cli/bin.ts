#!/usr/bin/env node
// The `async-pitfalls` command. Everything lives in run-cli.ts (tested by importing it); this file only
// wires it to the process. It imports run-cli dynamically so that even a module that fails to load
// exits with 2, never with 1, which means "problems were reported".
try {
  const { runCli } = await import('./run-cli.js');
  process.exitCode = await runCli({ argv: process.argv.slice(2) });
} catch (error) {
  process.stderr.write(`async-pitfalls crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}
