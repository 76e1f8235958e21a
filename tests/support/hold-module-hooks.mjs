/** Module hooks of hold-module.mjs (they run in node's loader thread). */
import { writeFileSync } from 'node:fs';

let pattern;
let marker;

export function initialize(data) {
  pattern = data.pattern;
  marker = data.marker;
}

export async function load(url, context, nextLoad) {
  if (pattern && url.includes(pattern)) {
    if (marker) writeFileSync(marker, url);
    await new Promise(() => {}); // held: the program waits here until it ends
  }
  return nextLoad(url, context);
}
