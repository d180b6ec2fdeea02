import { GuildhallApiError } from '@guildhall/sdk';

/** The typed error an SDK call fails with; fails the test if the call succeeds or fails otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<GuildhallApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GuildhallApiError) return error;
    throw error;
  }
  throw new Error('expected the API to reject the request');
}
