import type { DataSource } from 'typeorm';

/**
 * Moves a round's phases, and its attestations' co-sign and review times, `minutes` back: as if that
 * much time had passed, without waiting for it. The worker's job for a phase is not run: call
 * `RoundService.advance` as it would.
 */
export async function roundTimePasses(
  dataSource: DataSource,
  roundId: string,
  minutes: number,
): Promise<void> {
  const back = 'make_interval(mins => $2)';
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `UPDATE reward_round SET submissions_open_at = submissions_open_at - ${back},
         submissions_close_at = submissions_close_at - ${back}, review_deadline = review_deadline - ${back}
       WHERE id = $1`,
      [roundId, minutes],
    );
    await manager.query(
      `UPDATE attestation SET cosign_deadline = cosign_deadline - ${back},
         review_opens_at = review_opens_at - ${back}, review_deadline = review_deadline - ${back}
       WHERE round_id = $1`,
      [roundId, minutes],
    );
  });
}
