/**
 * Interaction benchmark: the real bot (discord.js client, commands, knowledge base) against the
 * local Discord stand-in on 127.0.0.1. Dispatches 1,000 slash commands, a mix of every command,
 * and prints the time from dispatch to the first response and to the final
 * answer (p50, p99, max). Target: final answer p99 at most 20 ms (Discord's own limit is 3 s).
 * One interaction at a time by default (the time each takes); `--in-flight N` adds queueing.
 *
 *   npm run bench:interactions [-- --count N] [-- --in-flight N] [-- --json]
 */
import { parseArgs } from 'node:util';
import { startBotHarness } from '../tests/support/bot-harness';
import type { CommandInput, InteractionHandle } from '../tests/support/discord-standin';

const TARGET_FINAL_P99_MS = 20;

const MIX: CommandInput[] = [
  { name: 'ask', options: { question: 'Who signed the memorandum?' } },
  { name: 'ask', options: { question: 'How much tungsten does Kazakhstan have?' } },
  { name: 'ask', options: { question: 'What is the capital of France?' } },
  { name: 'ask', options: { question: 'how many exploration licences since 2018' } },
  { name: 'minerals' },
  { name: 'minerals', options: { mineral: 'gallium' } },
  { name: 'tungsten' },
  { name: 'tungsten', options: { question: 'Who is negotiating access?' } },
  { name: 'who', subcommand: 'signed' },
  { name: 'who', subcommand: 'met' },
  { name: 'who', subcommand: 'visited' },
  { name: 'sources' },
  { name: 'help' },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function main() {
  const { values } = parseArgs({
    options: { count: { type: 'string', default: '1000' }, 'in-flight': { type: 'string', default: '1' }, json: { type: 'boolean', default: false } },
  });
  const count = Number.parseInt(values.count!, 10);
  const IN_FLIGHT = Number.parseInt(values['in-flight']!, 10);
  if (!Number.isInteger(count) || count < 1) throw new Error('--count takes a whole number above 0');
  if (!Number.isInteger(IN_FLIGHT) || IN_FLIGHT < 1 || IN_FLIGHT > 50) throw new Error('--in-flight takes a whole number from 1 to 50');

  process.stderr.write('Starting the local Discord stand-in and the bot…\n');
  const harness = await startBotHarness({ logLevel: 'warn' });
  try {
    const { standIn } = harness;
    const measure = async (input: CommandInput) => {
      const handle: InteractionHandle = standIn.dispatchCommand(input);
      const [first, final] = await Promise.all([handle.firstResponse, handle.finalResponse]);
      return { first: first.at - handle.dispatchedAt, final: final.at - handle.dispatchedAt };
    };
    for (let i = 0; i < 50; i++) await measure(MIX[i % MIX.length]!); // warm-up

    const first: number[] = [];
    const final: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const input = MIX[next++ % MIX.length]!;
        const timing = await measure(input);
        first.push(timing.first);
        final.push(timing.final);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    first.sort((a, b) => a - b);
    final.sort((a, b) => a - b);

    const figures = {
      interactions: count,
      inFlight: IN_FLIGHT,
      seconds: Number(seconds.toFixed(2)),
      firstResponseMs: { p50: percentile(first, 0.5), p99: percentile(first, 0.99), max: first.at(-1)! },
      finalAnswerMs: { p50: percentile(final, 0.5), p99: percentile(final, 0.99), max: final.at(-1)! },
      violations: standIn.violations.length,
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(figures)}\n`);
    } else {
      const ms = (n: number) => `${n.toFixed(2)} ms`;
      process.stdout.write(
        [
          `Interactions: ${count} slash commands through the local Discord stand-in, ${IN_FLIGHT} in flight, ${figures.seconds} s`,
          `  dispatch → first response   p50 ${ms(figures.firstResponseMs.p50)}   p99 ${ms(figures.firstResponseMs.p99)}   max ${ms(figures.firstResponseMs.max)}`,
          `  dispatch → final answer     p50 ${ms(figures.finalAnswerMs.p50)}   p99 ${ms(figures.finalAnswerMs.p99)}   max ${ms(figures.finalAnswerMs.max)}`,
          `  messages breaking Discord's limits or rules: ${figures.violations}`,
          `  ${figures.finalAnswerMs.p99 <= TARGET_FINAL_P99_MS ? 'PASS' : 'FAIL'}  final answer p99 ≤ ${TARGET_FINAL_P99_MS} ms`,
        ].join('\n') + '\n',
      );
    }
  } finally {
    await harness.close();
  }
}

main().catch((err) => {
  process.stderr.write(`bench:interactions could not run: ${(err as Error).message}\n`);
  process.exit(1);
});
