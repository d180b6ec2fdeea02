import { parseYumaInput } from './yuma-input.js';
import { YumaError } from './yuma.error.js';

// The example of docs/cli.md, "Export formats".
const example = {
  stake: [8, 1, 1, 0, 0],
  weights: [
    [0, 0, 0, 65535, 0],
    [0, 0, 0, 0, 65535],
    [0, 0, 0, 65535, 0],
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
  ],
  bondsPrev: [
    [0, 0, 0, 0.1013, 0],
    [0, 0, 0, 0.1013, 0],
    [0, 0, 0, 0.1013, 0],
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
  ],
  params: {
    kappa: 0.5,
    bondsPenalty: 1.0,
    bondsMovingAverage: 0.9,
    yuma3: false,
    liquidAlpha: { enabled: false, low: 0.7, high: 0.9, steepness: 1000 },
  },
};

const messageOf = (value: unknown): string => {
  try {
    parseYumaInput(value);
  } catch (error) {
    expect(error).toBeInstanceOf(YumaError);
    expect(error).toMatchObject({ code: 'INVALID_YUMA_INPUT', category: 'BAD_INPUT' });
    return (error as YumaError).message;
  }
  throw new Error('parsed');
};

describe('parseYumaInput', () => {
  it('accepts the example of docs/cli.md, and stake with weights alone', () => {
    expect(parseYumaInput(example)).toEqual(example);
    const { stake, weights } = example;
    expect(parseYumaInput({ stake, weights })).toEqual({ stake, weights });
  });

  const withWeights = (weights: unknown[]) => ({ ...example, weights });
  const withParams = (params: unknown) => ({ ...example, params });
  it.each([
    ['weights[4][2]: must be ≥ 0', withWeights([...example.weights.slice(0, 4), [0, 0, -1, 0, 0]])],
    ['stake[4]: must be a finite number', { ...example, stake: [8, 1, 1, 0, '0'] }],
    ['weights: must have 5 rows, one per stake entry (has 4)', withWeights(example.weights.slice(1))],
    ['weights[0]: must have 5 entries (has 4)', withWeights([[0, 0, 0, 1], ...example.weights.slice(1)])],
    [
      'bondsPrev[0][3]: must be in [0, 1]',
      { ...example, bondsPrev: [[0, 0, 0, 1.5, 0], ...example.bondsPrev.slice(1)] },
    ],
    ['params.kappa: must be in [0, 1]', withParams({ kappa: 2 })],
    ['params: Unrecognized key: "kapa"', withParams({ kapa: 0.5 })],
    ['params.yuma3: must be true or false', withParams({ yuma3: 'yes' })],
    ['params.liquidAlpha: must be an object', withParams({ liquidAlpha: true })],
    [
      'params.liquidAlpha.steepness: must be within an i16',
      withParams({ liquidAlpha: { steepness: 40_000 } }),
    ],
    [
      'params.liquidAlpha.low: liquid alpha low (0.95) must not exceed high (0.9',
      withParams({ liquidAlpha: { low: 0.95 } }),
    ],
    ['params.liquidAlpha.high: liquid alpha low (0.7', withParams({ liquidAlpha: { high: 0.5 } })],
    ['stake: needs at least one participant', { stake: [], weights: [] }],
    ['stake: must be an array of numbers, one per participant', { weights: [[0]] }],
    ['input: must be a JSON object with stake and weights', [1, 2]],
  ])('reports "%s"', (message, input) => {
    expect(messageOf(input)).toContain(message);
  });

  it('rejects numbers beyond float64, such as 1e999 (parsed as Infinity)', () => {
    expect(messageOf(JSON.parse('{"stake": [1e999], "weights": [[0]]}'))).toBe(
      'invalid Yuma input: stake[0]: must be a finite number',
    );
  });

  it('lists the first five problems and counts the rest', () => {
    const negative = {
      stake: [-1, -1, -1, -1, -1, -1, -1],
      weights: new Array(7).fill(new Array(7).fill(0)),
    };
    expect(messageOf(negative)).toMatch(
      /^invalid Yuma input: stake\[0\]: .*; stake\[4\]: [^;]*; … and 2 more$/,
    );
  });
});
