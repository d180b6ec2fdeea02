import { z } from 'zod';
import type { Matrix, SparseMatrix, Vector } from './matrix.js';
import { YumaError, YumaErrorCode } from './yuma.error.js';
import { resolveYumaParams, type YumaParamsInput } from './yuma-params.js';

/**
 * One Yuma epoch (docs/cli.md, "Export formats"): n participants; those with stake > 0 are validators
 * (reviewers), the others miners (contributors).
 */
export interface YumaInput {
  /** One non-negative number per participant, in any unit (normalized). */
  readonly stake: Vector;
  /** n×n, non-negative; row i is what participant i gave each participant (rows are normalized). */
  readonly weights: Matrix;
  /** n×n in [0, 1]: the previous epoch's `bonds`, unchanged. Absent: no bonds yet. */
  readonly bondsPrev?: Matrix;
  readonly params?: YumaParamsInput;
}

/**
 * One Yuma epoch in validator × miner form, as `runEpochSparse` takes it: row i is validator i (a
 * reviewer), column j is miner j (a contributor). Rows without stake weigh nobody; they only bring
 * their previous bonds in.
 */
export interface SparseYumaInput {
  /** One non-negative number per row, in any unit (normalized). */
  readonly stake: Vector;
  /** rows × miners, non-negative; row i is what validator i gave each miner (rows are normalized). */
  readonly weights: SparseMatrix;
  /** rows × miners in [0, 1]: the previous epoch's `bonds`, unchanged. Absent: no bonds yet. */
  readonly bondsPrev?: SparseMatrix;
  readonly params?: YumaParamsInput;
}

export interface YumaInputIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

const Weight = z
  .number({ error: 'must be a finite number' })
  .min(0, { error: 'must be ≥ 0 (weights and stake are never negative)' });
const Fraction = z
  .number({ error: 'must be a number in [0, 1]' })
  .min(0, { error: 'must be in [0, 1]' })
  .max(1, { error: 'must be in [0, 1]' });
const Flag = z.boolean({ error: 'must be true or false' });
/** Replaces only zod's "expected object" message; unknown keys keep theirs. */
const objectError = (message: string) => (issue: { code?: string }) =>
  issue.code === 'invalid_type' ? message : undefined;

const Steepness = z
  .number({ error: 'must be a number' })
  .min(-32_768, { error: 'must be within an i16, as AlphaSigmoidSteepness' })
  .max(32_767, { error: 'must be within an i16, as AlphaSigmoidSteepness' });
const SquareMatrix = <Entry extends z.ZodNumber>(entry: Entry) =>
  z.array(z.array(entry, { error: 'must be an array of numbers' }), {
    error: 'must be an n×n array of numbers',
  });

const LiquidAlphaParamsJson = z.strictObject(
  {
    enabled: Flag.optional(),
    low: Fraction.optional(),
    high: Fraction.optional(),
    steepness: Steepness.optional(),
  },
  { error: objectError('must be an object') },
);
const YumaParamsJson = z.strictObject(
  {
    kappa: Fraction.optional(),
    bondsPenalty: Fraction.optional(),
    bondsMovingAverage: Fraction.optional(),
    yuma3: Flag.optional(),
    liquidAlpha: LiquidAlphaParamsJson.optional(),
  },
  { error: objectError('must be an object') },
);

/** The JSON schema of a Yuma input; unknown keys are rejected so a misspelt parameter is noticed. */
export const YumaInput = z
  .strictObject(
    {
      stake: z
        .array(Weight, { error: 'must be an array of numbers, one per participant' })
        .min(1, { error: 'needs at least one participant' }),
      weights: SquareMatrix(Weight),
      bondsPrev: SquareMatrix(Fraction).optional(),
      params: YumaParamsJson.optional(),
    },
    { error: objectError('must be a JSON object with stake and weights') },
  )
  .superRefine((input, context) => {
    for (const { path, message } of yumaInputIssues(input)) {
      context.addIssue({ code: 'custom', path: [...path], message });
    }
  });

/** Parses untrusted JSON into a Yuma input, or throws a YumaError naming every offending field. */
export function parseYumaInput(value: unknown): YumaInput {
  const result = YumaInput.safeParse(value);
  if (!result.success) {
    throw invalidYumaInput(
      result.error.issues.map((issue) => ({ path: issue.path.map(pathSegment), message: issue.message })),
    );
  }
  return result.data;
}

/**
 * The rules between fields that a type cannot express: weights and bondsPrev are n×n for the n
 * entries of stake, and liquid alpha's low does not exceed its high (after defaults).
 */
export function yumaInputIssues({ stake, weights, bondsPrev, params }: YumaInput): YumaInputIssue[] {
  const n = stake.length;
  return [
    ...squareIssues('weights', weights, n),
    ...squareIssues('bondsPrev', bondsPrev, n),
    ...liquidAlphaIssues(params),
  ];
}

/**
 * The same rules for a sparse input: one row of weights and of bondsPrev per stake entry, the same
 * number of miners in both, and each row's columns strictly increasing within them.
 */
export function sparseYumaInputIssues({
  stake,
  weights,
  bondsPrev,
  params,
}: SparseYumaInput): YumaInputIssue[] {
  const columns = weights.columns;
  return [
    ...sparseIssues('weights', weights, stake.length, columns),
    ...sparseIssues('bondsPrev', bondsPrev, stake.length, columns),
    ...liquidAlphaIssues(params),
  ];
}

function liquidAlphaIssues(params: YumaParamsInput | undefined): YumaInputIssue[] {
  const { low, high } = resolveYumaParams(params).liquidAlpha;
  if (low <= high) return [];
  return [
    {
      path: ['params', 'liquidAlpha', params?.liquidAlpha?.low === undefined ? 'high' : 'low'],
      message: `liquid alpha low (${low}) must not exceed high (${high})`,
    },
  ];
}

const MAX_ISSUES_IN_MESSAGE = 5;

/** The error for a list of issues; its message names the first few. */
export function invalidYumaInput(issues: readonly YumaInputIssue[]): YumaError {
  const shown = issues
    .slice(0, MAX_ISSUES_IN_MESSAGE)
    .map(({ path, message }) => `${formatPath(path)}: ${message}`);
  if (issues.length > MAX_ISSUES_IN_MESSAGE)
    shown.push(`… and ${issues.length - MAX_ISSUES_IN_MESSAGE} more`);
  return new YumaError(YumaErrorCode.INVALID_YUMA_INPUT, `invalid Yuma input: ${shown.join('; ')}`, {
    issues,
  });
}

function squareIssues(field: string, matrix: Matrix | undefined, n: number): YumaInputIssue[] {
  if (matrix === undefined) return [];
  if (matrix.length !== n) {
    return [{ path: [field], message: `must have ${n} rows, one per stake entry (has ${matrix.length})` }];
  }
  return matrix.flatMap((row, i) =>
    row.length === n ? [] : [{ path: [field, i], message: `must have ${n} entries (has ${row.length})` }],
  );
}

function sparseIssues(
  field: string,
  matrix: SparseMatrix | undefined,
  rows: number,
  columns: number,
): YumaInputIssue[] {
  if (matrix === undefined) return [];
  if (matrix.rows.length !== rows) {
    return [
      { path: [field], message: `must have ${rows} rows, one per stake entry (has ${matrix.rows.length})` },
    ];
  }
  if (matrix.columns !== columns) {
    return [{ path: [field], message: `must have ${columns} columns, as weights (has ${matrix.columns})` }];
  }
  return matrix.rows.flatMap(({ indices, values }, i) =>
    indices.length === values.length && increasingBelow(indices, columns)
      ? []
      : [
          {
            path: [field, i],
            message: `must list columns strictly increasing within ${columns}, one value each`,
          },
        ],
  );
}

function increasingBelow(indices: Int32Array, columns: number): boolean {
  for (let k = 0; k < indices.length; k += 1)
    if (indices[k] >= columns || indices[k] <= (k === 0 ? -1 : indices[k - 1])) return false;
  return true;
}

/** `weights[2][3]`, `params.liquidAlpha.low`; the whole input is `input`. */
function formatPath(path: ReadonlyArray<string | number>): string {
  const text = path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('');
  return text === '' ? 'input' : text.replace(/^\./, '');
}

const pathSegment = (segment: PropertyKey): string | number =>
  typeof segment === 'number' ? segment : String(segment);
