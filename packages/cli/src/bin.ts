import { runCli } from './run-cli';

// `tukar … | head`: when the reader closes the pipe early, stop quietly as other Unix tools do
// (no EPIPE stack trace); whatever the reader wanted it has already read.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tukar: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
