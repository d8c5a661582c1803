#!/usr/bin/env node
// The `async-pitfalls` command. Everything lives in run-cli.ts (tested by importing it); this file only
// wires it to the process. It first checks the ESLint (and TypeScript) it would load, then imports run-cli
// dynamically so that even a module that fails to load exits with 2, never with 1, which means "problems
// were reported".
try {
  const { checkEnvironment } = await import('./check-environment.js');
  const problems = checkEnvironment({ cwd: process.cwd() });
  for (const problem of problems) process.stderr.write(`${problem.message}\n`);
  if (problems.some((problem) => problem.fatal)) {
    process.exitCode = 2;
  } else {
    const { runCli } = await import('./run-cli.js');
    process.exitCode = await runCli({ argv: process.argv.slice(2) });
  }
} catch (error) {
  process.stderr.write(`async-pitfalls crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}
