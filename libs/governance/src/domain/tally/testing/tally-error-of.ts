import { TallyError } from '../tally.error.js';

/** The TallyError that `run` throws; fails the test if it throws nothing or something else. */
export function tallyErrorOf(run: () => unknown): TallyError {
  try {
    run();
  } catch (error) {
    if (error instanceof TallyError) return error;
    throw error;
  }
  throw new Error('expected a TallyError, nothing was thrown');
}
