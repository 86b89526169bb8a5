#!/usr/bin/env node
import { runCli } from './cli.js';

// a reader that closes the pipe early (`ftrack-codegen --help | head`) ends the output, not in a crash
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await runCli(process.argv);
