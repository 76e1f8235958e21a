/** Before the tests: the compiled programs in dist/ are brought up to date (the real-process tests run them, and the cache builder's worker starts from them). */
import { build } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await build({ quiet: true });
}
