import { main } from '../ingest/cli/feeds';
import { runMain } from '../ingest/cli/io';

await runMain(main);
