import { main } from '../ingest/cli/add-article';
import { runMain } from '../ingest/cli/io';

await runMain(main);
