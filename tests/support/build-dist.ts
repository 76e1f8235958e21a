/**
 * Vitest global setup: compiles src/ to dist/ when a source is newer (scripts/build.mjs), once
 * before any test file runs, so that tests which start the real program as the systemd unit does
 * (`node dist/src/main.js`) run the code under test, and never rebuild dist/ while another test
 * file is starting a program from it.
 */
import { build } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await build({ quiet: true });
}
