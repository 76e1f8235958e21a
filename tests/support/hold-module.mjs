/**
 * Loaded with `node --import ./tests/support/hold-module.mjs PROGRAM`: holds the loading of the
 * first module whose address contains HOLD_MODULE for ever, after creating the file HOLD_MARKER,
 * so that a test can act while the program is loading that module (a signal during start-up, at
 * the moment discord.js is being loaded). Does nothing without HOLD_MODULE.
 */
import { register } from 'node:module';

if (process.env.HOLD_MODULE) {
  register('./hold-module-hooks.mjs', import.meta.url, { data: { pattern: process.env.HOLD_MODULE, marker: process.env.HOLD_MARKER } });
}
