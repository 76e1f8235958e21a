import { Writable } from 'node:stream';

/** A stream that keeps what is written to it, for a program's standard output or error in a test. */
export function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  });
  return { stream, text: () => text };
}
