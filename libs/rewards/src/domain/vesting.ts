/** A vesting schedule in seconds; a zero duration pays everything at the cliff (zero cliff: at once). */
export interface VestingSchedule {
  readonly cliff: number;
  readonly duration: number;
  readonly interval: number;
}

export interface Tranche {
  /** 1-based, in unlock order. */
  readonly seq: number;
  readonly amount: bigint;
  readonly unlockAt: Date;
}

/**
 * Linear vesting from `start`: every `interval` another slice unlocks, the last one at `duration`;
 * slices due before the cliff unlock together at the cliff. Amounts are exact: each tranche is the
 * difference of floor(amount · elapsed / duration) between its unlock and the previous one, so the
 * tranches sum to `amount`.
 */
export function vestingTranches(amount: bigint, schedule: VestingSchedule, start: Date): Tranche[] {
  if (amount <= 0n) return [];
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
  if (schedule.duration === 0) return [{ seq: 1, amount, unlockAt: at(schedule.cliff) }];
  const steps = Math.ceil(schedule.duration / schedule.interval);
  const byUnlock = new Map<number, bigint>();
  let vested = 0n;
  for (let step = 1; step <= steps; step += 1) {
    const elapsed = Math.min(step * schedule.interval, schedule.duration);
    const cumulative = (amount * BigInt(elapsed)) / BigInt(schedule.duration);
    const unlock = Math.max(elapsed, schedule.cliff);
    byUnlock.set(unlock, (byUnlock.get(unlock) ?? 0n) + cumulative - vested);
    vested = cumulative;
  }
  return [...byUnlock.entries()]
    .filter(([, slice]) => slice > 0n)
    .map(([unlock, slice], index) => ({ seq: index + 1, amount: slice, unlockAt: at(unlock) }));
}
