import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs.js';

// vitest setupFiles: runs before every test file, also when workers are reused across files
// (isolate: false), so each file removes its own temporary folders at its end.
afterAll(removeTempDirs);
