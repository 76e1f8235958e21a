/**
 * The bot under soak (started by scripts/soak.ts, in a process of its own as in production): the
 * real bot (connectBot) with its settings from the environment, answering the soak's stand-in.
 * It talks to the soak over the IPC channel:
 *   → { type: 'memory' }                 ← { type: 'memory', heapUsed, loopDelayMaxMs }   (after a forced gc;
 *                                           the longest the event loop was held since the last ask)
 *   → { type: 'watch', id, kind }        ← { type: 'watching', id }, later { type: 'reloaded', id, articles }
 *   → { type: 'stop' }                   ← { type: 'stopped' }, then exits 0
 * and sends { type: 'ready' } once connected and warmed up, { type: 'log', line } for each warning or error.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseSettings } from '../src/bot/settings';
import { connectBot } from '../src/discord/bot';
import { createLogger } from '../src/util/logger';
import { reloadedWith, type ChangeKind } from '../tests/support/soak';

type Request = { type: 'memory' } | { type: 'watch'; id: number; kind: ChangeKind } | { type: 'stop' };

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const send = (message: unknown) => process.send?.(message);
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

if (!process.send) {
  process.stderr.write('soak-bot: run by scripts/soak.ts (npm run soak), not on its own.\n');
  process.exit(1);
}
// The soak going away (it crashed or was stopped) ends this process too.
process.on('disconnect', () => process.exit(1));

const settings = parseSettings(process.env);
const log = createLogger('warn', { write: (line: string) => void send({ type: 'log', line }) });
const bot = await connectBot(settings, log, { requestsPerSecond: 10_000, watch: { debounceMs: 200, pollMs: 0 } });

process.on('message', (request: Request) => {
  switch (request.type) {
    case 'memory': {
      const loopDelayMaxMs = loopDelay.max / 1e6;
      for (let i = 0; i < 3; i++) gc();
      send({ type: 'memory', heapUsed: process.memoryUsage().heapUsed, loopDelayMaxMs });
      loopDelay.reset();
      return;
    }
    case 'watch': {
      const reloaded = reloadedWith(bot.library, request.kind);
      send({ type: 'watching', id: request.id });
      void reloaded.then(() => send({ type: 'reloaded', id: request.id, articles: bot.library.engine.articles.length }));
      return;
    }
    case 'stop': {
      void (async () => {
        await bot.stop();
        send({ type: 'stopped' });
        process.disconnect();
        process.exit(0);
      })();
    }
  }
});
// The soak measures the bot as it runs for days: after its start-up warm-up (a second after start,
// steps of up to a few tens of milliseconds each, which the bench measures with the first answers).
await bot.library.warmedUp;
send({ type: 'ready', articles: bot.library.engine.articles.length });
