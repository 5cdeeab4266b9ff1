// Runs `ingestProject` on the project folder given as argument, as a separate process a test can kill.
import { ingestProject } from '../../../src/ingest/index.js';

const summary = await ingestProject({ projectDir: process.argv[2]! });
process.stdout.write(JSON.stringify({ loads: summary.results.length, failures: summary.failures.map((f) => f.error.message) }) + '\n');
process.exit(summary.failures.length > 0 ? 1 : 0);
