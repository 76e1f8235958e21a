/**
 * For end-to-end tests that dispatch interactions to the bot through the stand-in: what an answer
 * carried, and the interactions a test dispatched, kept so that its afterEach can check each was
 * answered.
 */
import { expect } from 'vitest';
import type { InteractionHandle, RecordedResponse } from './discord-standin';

/** Discord's message flag for "only you can see this". */
export const EPHEMERAL = 64;

/** The message an interaction's answer carried (callback data, or the body of an edit or follow-up). */
export function payload(response: RecordedResponse): any {
  return response.kind === 'callback' ? response.body.data : response.body;
}

/** The buttons of a message, every row's in order. */
export const buttonsOf = (data: any): any[] => (data?.components ?? []).flatMap((row: { components: unknown[] }) => row.components);

export const isEphemeral = (data: { flags?: number }) => ((data.flags ?? 0) & EPHEMERAL) === EPHEMERAL;

/** The interactions a test dispatched, until its afterEach takes them to check. */
export class TrackedInteractions {
  readonly #handles: InteractionHandle[] = [];

  /** Keeps `handle` for the check after the test, and returns it. */
  readonly track = (handle: InteractionHandle): InteractionHandle => {
    this.#handles.push(handle);
    return handle;
  };

  /** Those tracked since the last call, forgotten here. */
  take(): InteractionHandle[] {
    return this.#handles.splice(0);
  }

  /** Expects each interaction tracked since the last take to have had a successful first response. */
  async expectAllAnswered(): Promise<void> {
    for (const handle of this.take()) await expectFirstResponseOk(handle);
  }
}

/** Expects the interaction's first response to have succeeded, and returns it. */
export async function expectFirstResponseOk(handle: InteractionHandle): Promise<RecordedResponse> {
  const first = await handle.firstResponse;
  expect(first.status, `first response to ${handle.id}`).toBeLessThan(300);
  return first;
}
