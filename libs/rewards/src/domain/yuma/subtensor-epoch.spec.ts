import { runEpoch, type YumaResult } from './run-epoch.js';
import type { YumaParamsInput } from './yuma-params.js';

// Acceptance vectors: the multi-epoch scenarios of subtensor's pallets/subtensor/src/tests/epoch.rs
// (opentensor/subtensor), replayed through runEpoch. Subtensor computes in I32F32 and stores u16,
// so between epochs the bonds go through the same u16 storage here, and results are compared as
// subtensor compares them: u16 values within one unit (test_bonds, test_512_graph), or proportions
// within the 1e-3 epsilon of run_epoch_and_check_bonds_dividends (test_yuma_3_*).

const U16_MAX = 65_535;
/** `fixed_proportion_to_u16`: how subtensor stores a proportion. */
const u16 = (x: number): number => Math.floor(x * U16_MAX);
/** Bonds as the next epoch reads them back from storage. */
const stored = (bonds: number[][]): number[][] => bonds.map((row) => row.map((bond) => u16(bond) / U16_MAX));

interface Epoch {
  /** Rows of weights that change this epoch (subtensor keeps a validator's weights until it sets new ones). */
  readonly set?: Record<number, number[]>;
  /** Applied to the stored bonds before the epoch runs (e.g. a bonds reset). */
  readonly beforeRun?: (bonds: number[][]) => number[][];
}

/** Runs the epochs in order, carrying weights and stored bonds, and returns every epoch's result. */
function replay(stake: number[], params: YumaParamsInput, epochs: readonly Epoch[]): YumaResult[] {
  const weights = stake.map(() => stake.map(() => 0));
  let bondsPrev = weights.map((row) => [...row]);
  return epochs.map(({ set = {}, beforeRun = (bonds) => bonds }) => {
    for (const [uid, row] of Object.entries(set)) weights[Number(uid)] = row;
    const result = runEpoch({ stake, weights, bondsPrev: beforeRun(bondsPrev), params });
    bondsPrev = stored(result.bonds);
    return result;
  });
}

const expectU16Near = (actual: number[], expected: number[]): void => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(1));
};

describe('subtensor test_bonds (Yuma 2, bonds penalty 1, 8 epochs)', () => {
  // 4 validators with stake 1..4 weigh 4 servers 0.1/0.2/0.3/0.4 (u16 weights as set_weights stores
  // them); then validators 1, 2, 3 switch to self-weight one by one, and validator 3 backs server 4.
  const toServers = [0, 0, 0, 0, 16_383, 32_767, 49_149, 65_535];
  const only = (uid: number): number[] => toServers.map((_, j) => (j === uid ? U16_MAX : 0));
  const results = replay([1, 2, 3, 4, 0, 0, 0, 0], { bondsPenalty: 1 }, [
    { set: { 0: toServers, 1: toServers, 2: toServers, 3: toServers } },
    { set: { 0: only(0) } },
    { set: { 1: only(1) } },
    { set: { 2: only(2) } },
    { set: { 2: only(7) } },
    {},
    {},
    {},
  ]);
  const bondsOnServer = (epoch: number, server: number): number[] =>
    results[epoch].bonds.slice(0, 4).map((row) => u16(row[server]));
  const dividends = (epoch: number): number[] => results[epoch].dividends.slice(0, 4).map(u16);

  it('matches the asserted bonds of every epoch within one u16 unit', () => {
    expectU16Near(bondsOnServer(0, 4), [16_383, 32_767, 49_151, 65_535]);
    expectU16Near(bondsOnServer(1, 4), [14_582, 32_767, 49_151, 65_535]);
    expectU16Near(bondsOnServer(2, 4), [12_603, 28_321, 49_151, 65_535]);
    expectU16Near(bondsOnServer(3, 7), [12_602, 28_320, 49_150, 65_535]);
    expectU16Near(bondsOnServer(4, 7), [10_951, 24_609, 49_150, 65_535]);
    expectU16Near(bondsOnServer(5, 7), [9_559, 21_482, 49_150, 65_535]);
    expectU16Near(bondsOnServer(6, 7), [8_376, 18_824, 49_150, 65_535]);
    expectU16Near(bondsOnServer(7, 7), [7_363, 16_549, 49_150, 65_535]); // emaB of the trace
  });

  it('matches the traced dividends (D) of every epoch within one u16 unit', () => {
    const traced = [
      [0.0999999978, 0.1999999983, 0.3000000012, 0.4000000022],
      [0.0899967032, 0.2022211233, 0.303334432, 0.404447741],
      [0.0809936118, 0.1819995677, 0.3158592721, 0.421147548],
      [0, 0, 0, 0],
      [0.0728874663, 0.1637972582, 0.3271309866, 0.4361842885],
      [0.0655988548, 0.1474132247, 0.3372762585, 0.4497116616],
      [0.0590361361, 0.1326722752, 0.3464062694, 0.4618853189],
      [0.053130352, 0.1194037423, 0.3546237142, 0.472842191],
    ];
    traced.forEach((expected, epoch) => expectU16Near(dividends(epoch), expected.map(u16)));
  });

  it('matches the traced consensus, incentive and validator trust', () => {
    const servers = [0.0999975584, 0.2000012207, 0.2999926754, 0.400008545];
    expectU16Near(results[0].consensus.map(u16), [0, 0, 0, 0, ...servers].map(u16));
    expectU16Near(results[0].validatorTrust.map(u16), [1, 1, 1, 1, 0, 0, 0, 0].map(u16));
    // Epoch 4: only validator 4 (40% of the stake) still weighs servers: below κ, no consensus.
    expect(results[3].consensus).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(results[3].incentive).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // Epoch 5: validators 3 and 4 (70%) agree on server 4 up to validator 4's 0.4.
    expectU16Near(results[4].consensus.map(u16), [0, 0, 0, 0, 0, 0, 0, 0.400008545].map(u16));
    expectU16Near(results[4].incentive.map(u16), [0, 0, 0, 0, 0, 0, 0, U16_MAX]);
    expectU16Near(results[4].validatorTrust.map(u16), [0, 0, 0.400008545, 0.400008545, 0, 0, 0, 0].map(u16));
  });
});

describe('subtensor test_active_stake (Yuma 2)', () => {
  // Validators 0 and 1 weigh servers 2 and 3 equally (u16::MAX / 2 each); all four have stake 1.
  // Subtensor then lets validator 1 go inactive (its stake is masked but it keeps its permit); the
  // nearest thing here is an epoch in which only validator 0 has stake.
  const half = [0, 0, 32_767, 32_767];
  const none = [0, 0, 0, 0];
  const weights = [half, half, none, none];
  const first = runEpoch({ stake: [1, 1, 1, 1], weights });

  it('first epoch: dividends 32767 each, bonds max-upscaled to 65535', () => {
    expect(first.dividends.map(u16)).toEqual([32_767, 32_767, 0, 0]);
    expect(first.bonds.map((row) => row.map(u16))).toEqual([
      [0, 0, U16_MAX, U16_MAX],
      [0, 0, U16_MAX, U16_MAX],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('only validator 0 active: dividends 36044 and 29490, bonds of validator 0 at 65535', () => {
    const { dividends, bonds } = runEpoch({ stake: [1, 0, 0, 0], weights, bondsPrev: stored(first.bonds) });
    expect(dividends.map(u16)).toEqual([36_044, 29_490, 0, 0]);
    expect(bonds[0].map(u16)).toEqual([0, 0, U16_MAX, U16_MAX]);
    // Subtensor keeps 53619 for the inactive validator, which still holds a permit; a participant
    // without stake has none here, so its bonds are cleared.
    expect(bonds[1]).toEqual([0, 0, 0, 0]);
  });

  it('both active again, from the bonds subtensor stored: dividends 35716 and 29818, bonds 54712', () => {
    const bondsPrev = [[0, 0, U16_MAX, U16_MAX], [0, 0, 53_619, 53_619], none, none].map((row) =>
      row.map((bond) => bond / U16_MAX),
    );
    const { dividends, bonds } = runEpoch({ stake: [1, 1, 0, 0], weights, bondsPrev });
    expect(dividends.map(u16)).toEqual([35_716, 29_818, 0, 0]);
    expect(bonds.slice(0, 2).map((row) => row.map(u16))).toEqual([
      [0, 0, U16_MAX, U16_MAX],
      [0, 0, 54_712, 54_712],
    ]);
  });
});

describe('subtensor test_512_graph (Yuma 2, 64 validators, 448 servers, 3 epochs)', () => {
  const n = 512;
  const layouts = {
    blockwise: (uid: number) => uid < 64,
    interleaved: (uid: number) => uid % (n / 64) === 0,
  };
  describe.each(Object.entries(layouts))('%s', (_layout, isValidator) => {
    it.each([false, true])('server self-weight %s', (serverSelf) => {
      const uids = Array.from({ length: n }, (_, uid) => uid);
      const stake = uids.map((uid) => (isValidator(uid) ? 328_125_000_000_000 : 0));
      const equalToServers = uids.map((uid) => (isValidator(uid) ? 0 : U16_MAX));
      const selfWeight = (uid: number): number[] => uids.map((j) => (j === uid ? U16_MAX : 0));
      const set = Object.fromEntries(
        uids.flatMap((uid) =>
          isValidator(uid) ? [[uid, equalToServers]] : serverSelf ? [[uid, selfWeight(uid)]] : [],
        ),
      );
      const { consensus, incentive, dividends, validatorTrust, bonds } = replay(stake, {}, [
        { set },
        {},
        {},
      ])[2];

      const validator = uids.find(isValidator)!;
      const server = uids.find((uid) => !isValidator(uid))!;
      for (const uid of uids) {
        if (isValidator(uid)) {
          expect([consensus[uid], incentive[uid]]).toEqual([0, 0]);
          expect(u16(dividends[uid])).toBe(1023); // floor(1 / 64 · 65535)
          expect(u16(validatorTrust[uid])).toBeGreaterThanOrEqual(U16_MAX - 1);
          expect([bonds[uid][validator], u16(bonds[uid][server])]).toEqual([0, U16_MAX]);
        } else {
          expect(u16(consensus[uid])).toBe(146); // floor(1 / 448 · 65535)
          expect(u16(incentive[uid])).toBe(146);
          expect([dividends[uid], validatorTrust[uid]]).toEqual([0, 0]);
          expect([bonds[uid][validator], bonds[uid][server]]).toEqual([0, 0]);
        }
      }
    });
  });
});

// setup_yuma_3_scenario: Yuma 3 with liquid alpha, bonds penalty 0, bonds moving average 975_000,
// steepness 1000, κ = u16::MAX / 2 and alpha values set through set_alpha_values_32(0.1, 0.3),
// which stores them as u16 (6553, 19660).
const yuma3Params: YumaParamsInput = {
  kappa: 32_767 / U16_MAX,
  bondsPenalty: 0,
  bondsMovingAverage: 0.975,
  yuma3: true,
  liquidAlpha: { enabled: true, low: 6_553 / U16_MAX, high: 19_660 / U16_MAX, steepness: 1000 },
};

/** Weight rows for the validators: `[server1, server2, …]` values, the validators' columns zero. */
const onServers =
  (validators: number) =>
  (...rows: number[][]): Record<number, number[]> =>
    Object.fromEntries(rows.map((row, uid) => [uid, [...new Array<number>(validators).fill(0), ...row]]));

/**
 * Checks every listed epoch as run_epoch_and_check_bonds_dividends intends: each validator's bonds
 * on the last `targets[i].length` participants, and all dividends, within 1e-3. (Upstream the bond
 * comparison zips each row with `target.iter().skip(3)`, which is empty, so only dividends are
 * enforced there; here both are.)
 */
function expectYuma3Targets(
  results: YumaResult[],
  targets: Record<number, { bonds: number[][]; dividends: number[] }>,
): void {
  for (const [epoch, target] of Object.entries(targets)) {
    const { bonds, dividends } = results[Number(epoch)];
    target.bonds.forEach((expected, validator) => {
      const row = bonds[validator].slice(-expected.length).map((bond) => u16(bond) / U16_MAX);
      row.forEach((bond, k) => expect(Math.abs(bond - expected[k])).toBeLessThanOrEqual(1e-3));
    });
    dividends.forEach((dividend, uid) =>
      expect(Math.abs(u16(dividend) / U16_MAX - target.dividends[uid])).toBeLessThanOrEqual(1e-3),
    );
  }
}

const targetsOf = (bonds: number[][][], dividends: number[][]) =>
  Object.fromEntries(
    bonds.map((epochBonds, epoch) => [epoch, { bonds: epochBonds, dividends: dividends[epoch] }]),
  );

describe('subtensor test_yuma_3_* (Yuma 3, liquid alpha, carried raw bonds)', () => {
  const M = U16_MAX;
  const servers2 = onServers(3);
  const bigAndTwoSmall = [8, 1, 1, 0, 0];
  const equalStake = [33, 33, 34, 0, 0];

  it('test_yuma_3_kappa_moves_first', () => {
    const results = replay(bigAndTwoSmall, yuma3Params, [
      { set: servers2([M, 0], [M, 0], [M, 0]) },
      { set: servers2([0, M], [M, 0], [M, 0]) },
      { set: servers2([0, M], [0, M], [M, 0]) },
      { set: servers2([0, M], [0, M], [0, M]) },
      {},
      {},
    ]);
    expectYuma3Targets(
      results,
      targetsOf(
        [
          [
            [0.1013, 0.0],
            [0.1013, 0.0],
            [0.1013, 0.0],
          ],
          [
            [0.0908, 0.1013],
            [0.3697, 0.0],
            [0.3697, 0.0],
          ],
          [
            [0.0815, 0.1924],
            [0.317, 0.1013],
            [0.558, 0.0],
          ],
          [
            [0.0731, 0.2742],
            [0.2765, 0.1924],
            [0.4306, 0.1013],
          ],
          [
            [0.0656, 0.3478],
            [0.2435, 0.2742],
            [0.3589, 0.1924],
          ],
          [
            [0.0588, 0.4139],
            [0.2157, 0.3478],
            [0.3089, 0.2742],
          ],
        ],
        [
          [0.8, 0.1, 0.1, 0, 0],
          [1.0, 0, 0, 0, 0],
          [0.9382, 0.0618, 0, 0, 0],
          [0.8819, 0.0773, 0.0407, 0, 0],
          [0.8564, 0.0844, 0.0592, 0, 0],
          [0.8418, 0.0884, 0.0697, 0, 0],
        ],
      ),
    );
  });

  it('test_yuma_3_kappa_moves_second', () => {
    const results = replay(bigAndTwoSmall, yuma3Params, [
      { set: servers2([M, 0], [M, 0], [M, 0]) },
      { set: servers2([M, 0], [0, M], [M, 0]) },
      { set: servers2([0, M], [0, M], [M, 0]) },
      { set: servers2([0, M], [0, M], [0, M]) },
      {},
      {},
    ]);
    expectYuma3Targets(
      results,
      targetsOf(
        [
          [
            [0.1013, 0.0],
            [0.1013, 0.0],
            [0.1013, 0.0],
          ],
          [
            [0.1924, 0.0],
            [0.0908, 0.2987],
            [0.1924, 0.0],
          ],
          [
            [0.1715, 0.1013],
            [0.0815, 0.3697],
            [0.4336, 0.0],
          ],
          [
            [0.1531, 0.1924],
            [0.0731, 0.4336],
            [0.3608, 0.1013],
          ],
          [
            [0.1369, 0.2742],
            [0.0656, 0.491],
            [0.3103, 0.1924],
          ],
          [
            [0.1225, 0.3478],
            [0.0588, 0.5426],
            [0.2712, 0.2742],
          ],
        ],
        [
          [0.8, 0.1, 0.1, 0, 0],
          [0.8446, 0.0498, 0.1056, 0, 0],
          [0.6868, 0.3132, 0, 0, 0],
          [0.7421, 0.209, 0.0489, 0, 0],
          [0.7625, 0.1706, 0.0669, 0, 0],
          [0.773, 0.1508, 0.0762, 0, 0],
        ],
      ),
    );
  });

  it('test_yuma_3_kappa_moves_last', () => {
    const results = replay(bigAndTwoSmall, yuma3Params, [
      { set: servers2([M, 0], [M, 0], [M, 0]) },
      { set: servers2([M, 0], [0, M], [M, 0]) },
      { set: servers2([M, 0], [0, M], [0, M]) },
      { set: servers2([0, M], [0, M], [0, M]) },
      {},
      {},
    ]);
    expectYuma3Targets(
      results,
      targetsOf(
        [
          [
            [0.1013, 0.0],
            [0.1013, 0.0],
            [0.1013, 0.0],
          ],
          [
            [0.1924, 0.0],
            [0.0908, 0.2987],
            [0.1924, 0.0],
          ],
          [
            [0.2742, 0.0],
            [0.0815, 0.5081],
            [0.1715, 0.2987],
          ],
          [
            [0.2416, 0.1013],
            [0.0731, 0.558],
            [0.1531, 0.3697],
          ],
          [
            [0.2141, 0.1924],
            [0.0656, 0.6028],
            [0.1369, 0.4336],
          ],
          [
            [0.1903, 0.2742],
            [0.0588, 0.643],
            [0.1225, 0.491],
          ],
        ],
        [
          [0.8, 0.1, 0.1, 0, 0],
          [0.8446, 0.0498, 0.1056, 0, 0],
          [0.8966, 0.0333, 0.0701, 0, 0],
          [0.4663, 0.321, 0.2127, 0, 0],
          [0.5976, 0.234, 0.1683, 0, 0],
          [0.6592, 0.1932, 0.1475, 0, 0],
        ],
      ),
    );
  });

  const oneEpochSwitch = (params: YumaParamsInput): YumaResult[] =>
    replay(equalStake, params, [
      { set: servers2([M, 0], [M, 0], [M, 0]) },
      {},
      { set: servers2([M, 0], [M, 0], [0, M]) },
      { set: servers2([M, 0], [M, 0], [M, 0]) },
      {},
      {},
    ]);

  it('test_yuma_3_one_epoch_switch', () => {
    expectYuma3Targets(
      oneEpochSwitch(yuma3Params),
      targetsOf(
        [
          [
            [0.1013, 0.0],
            [0.1013, 0.0],
            [0.1013, 0.0],
          ],
          [
            [0.1924, 0.0],
            [0.1924, 0.0],
            [0.1924, 0.0],
          ],
          [
            [0.2742, 0.0],
            [0.2742, 0.0],
            [0.1715, 0.2987],
          ],
          [
            [0.3478, 0.0],
            [0.3478, 0.0],
            [0.2554, 0.2618],
          ],
          [
            [0.4139, 0.0],
            [0.4139, 0.0],
            [0.3309, 0.2312],
          ],
          [
            [0.4733, 0.0],
            [0.4733, 0.0],
            [0.3987, 0.2051],
          ],
        ],
        [
          [0.33, 0.33, 0.34, 0, 0],
          [0.33, 0.33, 0.34, 0, 0],
          [0.3782, 0.3782, 0.2436, 0, 0],
          [0.3628, 0.3628, 0.2745, 0, 0],
          [0.3541, 0.3541, 0.2917, 0, 0],
          [0.3487, 0.3487, 0.3026, 0, 0],
        ],
      ),
    );
  });

  it('test_yuma_3_liquid_alpha_disabled', () => {
    // Targets list the last three participants (validator 3 and both servers).
    expectYuma3Targets(
      oneEpochSwitch({ ...yuma3Params, liquidAlpha: { ...yuma3Params.liquidAlpha, enabled: false } }),
      targetsOf(
        [
          [
            [0, 0.025, 0],
            [0, 0.025, 0],
            [0, 0.025, 0],
          ],
          [
            [0, 0.0494, 0],
            [0, 0.0494, 0],
            [0, 0.0494, 0],
          ],
          [
            [0, 0.0731, 0],
            [0, 0.0731, 0],
            [0, 0.0481, 0.025],
          ],
          [
            [0, 0.0963, 0],
            [0, 0.0963, 0],
            [0, 0.0719, 0.0244],
          ],
          [
            [0, 0.1189, 0],
            [0, 0.1189, 0],
            [0, 0.0951, 0.0238],
          ],
          [
            [0, 0.1409, 0],
            [0, 0.1409, 0],
            [0, 0.1178, 0.0232],
          ],
        ],
        [
          [0.33, 0.33, 0.34, 0, 0],
          [0.33, 0.33, 0.34, 0, 0],
          [0.3734, 0.3734, 0.2532, 0, 0],
          [0.3611, 0.3611, 0.2779, 0, 0],
          [0.3541, 0.3541, 0.2919, 0, 0],
          [0.3495, 0.3495, 0.3009, 0, 0],
        ],
      ),
    );
  });

  it('test_yuma_3_stable_miner', () => {
    const half = Math.floor(M / 2);
    const servers3 = onServers(3);
    const results = replay([8, 1, 1, 0, 0, 0], yuma3Params, [
      { set: servers3([half, 0, half], [half, 0, half], [half, 0, half]) },
      { set: servers3([half, 0, half], [0, half, half], [half, 0, half]) },
      { set: servers3([0, half, half], [0, half, half], [half, 0, half]) },
      { set: servers3([0, half, half], [0, half, half], [0, half, half]) },
      {},
      {},
    ]);
    expectYuma3Targets(
      results,
      targetsOf(
        [
          [
            [0.0507, 0.0, 0.0507],
            [0.0507, 0.0, 0.0507],
            [0.0507, 0.0, 0.0507],
          ],
          [
            [0.0962, 0.0, 0.0962],
            [0.0455, 0.1, 0.0962],
            [0.0962, 0.0, 0.0962],
          ],
          [
            [0.0863, 0.0507, 0.1371],
            [0.0408, 0.1405, 0.1371],
            [0.177, 0.0, 0.1371],
          ],
          [
            [0.0774, 0.0962, 0.1739],
            [0.0367, 0.177, 0.1739],
            [0.1579, 0.0507, 0.1739],
          ],
          [
            [0.0694, 0.1371, 0.2069],
            [0.0329, 0.2097, 0.2069],
            [0.1411, 0.0962, 0.2069],
          ],
          [
            [0.0623, 0.1739, 0.2366],
            [0.0296, 0.2391, 0.2366],
            [0.1263, 0.1371, 0.2366],
          ],
        ],
        [
          [0.8, 0.1, 0.1, 0, 0, 0],
          [0.8226, 0.0745, 0.1028, 0, 0, 0],
          [0.775, 0.1685, 0.0565, 0, 0, 0],
          [0.7864, 0.1372, 0.0764, 0, 0, 0],
          [0.7912, 0.1241, 0.0847, 0, 0, 0],
          [0.7937, 0.1173, 0.089, 0, 0, 0],
        ],
      ),
    );
  });

  it('test_yuma_3_bonds_reset (bonds on server 1 reset before epoch 20)', () => {
    const resetServer1 = (bonds: number[][]) =>
      bonds.map((row) => row.map((bond, j) => (j === 3 ? 0 : bond)));
    const results = replay(
      bigAndTwoSmall,
      yuma3Params,
      Array.from({ length: 41 }, (_, epoch): Epoch => {
        if (epoch === 0) return { set: servers2([M, 0], [M, 0], [M, 0]) };
        if (epoch === 1) return { set: servers2([M, 0], [0, M], [0, M]) };
        if (epoch === 2) return { set: servers2([0, M], [0, M], [0, M]) };
        if (epoch === 20) return { beforeRun: resetServer1 };
        if (epoch === 21) return { set: servers2([0, M], [M, 0], [M, 0]) };
        if (epoch === 22) return { set: servers2([M, 0], [M, 0], [M, 0]) };
        return {};
      }),
    );
    expectYuma3Targets(results, {
      0: {
        bonds: [
          [0.1013, 0.0],
          [0.1013, 0.0],
          [0.1013, 0.0],
        ],
        dividends: [0.8, 0.1, 0.1, 0, 0],
      },
      1: {
        bonds: [
          [0.1924, 0.0],
          [0.0908, 0.2987],
          [0.0908, 0.2987],
        ],
        dividends: [0.8944, 0.0528, 0.0528, 0, 0],
      },
      2: {
        bonds: [
          [0.1715, 0.1013],
          [0.0815, 0.3697],
          [0.0815, 0.3697],
        ],
        dividends: [0.523, 0.2385, 0.2385, 0, 0],
      },
      19: {
        bonds: [
          [0.0269, 0.8539],
          [0.0131, 0.8975],
          [0.0131, 0.8975],
        ],
        dividends: [0.7919, 0.104, 0.104, 0, 0],
      },
      20: {
        bonds: [
          [0.0, 0.8687],
          [0.0, 0.9079],
          [0.0, 0.9079],
        ],
        dividends: [0.7928, 0.1036, 0.1036, 0, 0],
      },
      21: {
        bonds: [
          [0.0, 0.882],
          [0.2987, 0.6386],
          [0.2987, 0.6386],
        ],
        dividends: [0.8467, 0.0766, 0.0766, 0, 0],
      },
      40: {
        bonds: [
          [0.8687, 0.0578],
          [0.9079, 0.0523],
          [0.9079, 0.0523],
        ],
        dividends: [0.7928, 0.1036, 0.1036, 0, 0],
      },
    });
  });
});
