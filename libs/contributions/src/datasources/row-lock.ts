/** Find options that lock the row (FOR UPDATE) until the caller's transaction ends. */
export const lockOption = (lock: boolean) => (lock ? { lock: { mode: 'pessimistic_write' as const } } : {});
