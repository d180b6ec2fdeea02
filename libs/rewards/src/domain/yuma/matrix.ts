/**
 * The vector and matrix steps of subtensor's `math.rs` that Yuma Consensus is built from, in
 * float64. An epoch's matrices are sparse, rows × columns (validators × miners): each row lists its
 * entries by increasing column, and an absent entry is 0, so the work is proportional to the number
 * of entries, not to rows × columns. Nothing is mutated: results are new arrays, which may share
 * their inputs' index arrays.
 * Sums run in row order, then column order, so a sparse step gives exactly the float64 result of the
 * same step on the dense matrix (adding the absent zeros changes no sum).
 */

export type Vector = readonly number[];
/** A dense matrix, row by row, as a Yuma input spells it in JSON. */
export type Matrix = readonly Vector[];

/** One row of a sparse matrix: the columns of its entries, strictly increasing, and their values. */
export interface SparseRow {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

export interface SparseMatrix {
  /** How many columns there are; every row's indices are below it. */
  readonly columns: number;
  readonly rows: readonly SparseRow[];
}

export const EMPTY_ROW: SparseRow = { indices: new Int32Array(0), values: new Float64Array(0) };

export function sum(x: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < x.length; k += 1) total += x[k];
  return total;
}

export const clamp = (value: number, low: number, high: number): number =>
  Math.min(high, Math.max(low, value));

/** `x / Σx`; a vector summing to zero is returned unchanged (`inplace_normalize`). */
export function normalize(x: Vector): number[] {
  const total = sum(x);
  return total === 0 ? [...x] : x.map((value) => value / total);
}

/** A row from `[column, value]` entries in any order (columns distinct); zero values are dropped. */
export function sparseRow(entries: Iterable<readonly [number, number]>): SparseRow {
  const kept = [...entries].filter(([, value]) => value !== 0).sort(([a], [b]) => a - b);
  return {
    indices: Int32Array.from(kept, ([column]) => column),
    values: Float64Array.from(kept, ([, value]) => value),
  };
}

/** The non-zero entries of a dense matrix, optionally only those where `keep(row, column)`. */
export function fromDense(
  m: Matrix,
  keep: (row: number, column: number) => boolean = () => true,
): SparseMatrix {
  return {
    columns: m[0]?.length ?? 0,
    rows: m.map((row, i) => {
      const columns: number[] = [];
      row.forEach((value, j) => value !== 0 && keep(i, j) && columns.push(j));
      return { indices: Int32Array.from(columns), values: Float64Array.from(columns, (j) => row[j]) };
    }),
  };
}

export function toDense({ columns, rows }: SparseMatrix): number[][] {
  return rows.map(({ indices, values }) => {
    const row = new Array<number>(columns).fill(0);
    for (let k = 0; k < indices.length; k += 1) row[indices[k]] = values[k];
    return row;
  });
}

/**
 * `f(a_ij, b_ij, i, j)` on every entry present in a or b (the other counts as 0): the element-wise
 * steps whose result is 0 wherever both inputs are, such as a bonds EMA. a and b have the same shape.
 */
export function mergeEntries(
  a: SparseMatrix,
  b: SparseMatrix,
  f: (a: number, b: number, row: number, column: number) => number,
): SparseMatrix {
  return {
    columns: a.columns,
    rows: a.rows.map((rowA, i) => {
      const rowB = b.rows[i];
      const indices = unionOf(rowA.indices, rowB.indices);
      const values = new Float64Array(indices.length);
      for (let k = 0, p = 0, q = 0; k < indices.length; k += 1) {
        const j = indices[k];
        const x = p < rowA.indices.length && rowA.indices[p] === j ? rowA.values[p++] : 0;
        const y = q < rowB.indices.length && rowB.indices[q] === j ? rowB.values[q++] : 0;
        values[k] = f(x, y, i, j);
      }
      return { indices, values };
    }),
  };
}

/** The columns of either row, increasing; a itself when it holds all of b's. */
export function unionOf(a: Int32Array, b: Int32Array): Int32Array {
  let missing = 0;
  for (let p = 0, q = 0; q < b.length && a !== b; q += 1) {
    while (p < a.length && a[p] < b[q]) p += 1;
    if (p === a.length || a[p] !== b[q]) missing += 1;
  }
  if (missing === 0) return a;
  const union = new Int32Array(a.length + missing);
  for (let k = 0, p = 0, q = 0; k < union.length; k += 1) {
    union[k] = q === b.length || (p < a.length && a[p] < b[q]) ? a[p] : b[q];
    if (p < a.length && a[p] === union[k]) p += 1;
    if (q < b.length && b[q] === union[k]) q += 1;
  }
  return union;
}

/** Each row divided by its sum; all-zero rows stay zero (`inplace_row_normalize`). */
export function rowNormalize(m: SparseMatrix): SparseMatrix {
  return {
    columns: m.columns,
    rows: m.rows.map(({ indices, values }) => {
      const total = sum(values);
      const divided = new Float64Array(values.length);
      for (let k = 0; k < values.length; k += 1) divided[k] = total === 0 ? values[k] : values[k] / total;
      return { indices, values: divided };
    }),
  };
}

/** Each column divided by its sum; all-zero columns stay zero (`inplace_col_normalize`). */
export const colNormalize = (m: SparseMatrix): SparseMatrix =>
  divideColumns(m, weightedColumnSums(m, new Array<number>(m.rows.length).fill(1))); // 1 · v is v

/** Each entry divided by its column's divisor; a column whose divisor is 0 stays as it is. */
function divideColumns(m: SparseMatrix, divisors: Vector): SparseMatrix {
  return {
    columns: m.columns,
    rows: m.rows.map(({ indices, values }) => {
      const divided = new Float64Array(values.length);
      for (let k = 0; k < values.length; k += 1) {
        const divisor = divisors[indices[k]];
        divided[k] = divisor === 0 ? values[k] : values[k] / divisor;
      }
      return { indices, values: divided };
    }),
  };
}

/** `r_j = Σ_i x_i · m_ij`: the column sums of the rows weighted by x (`matmul`). */
export function weightedColumnSums(m: SparseMatrix, x: Vector): number[] {
  const result = new Array<number>(m.columns).fill(0);
  m.rows.forEach(({ indices, values }, i) => {
    for (let k = 0; k < indices.length; k += 1) result[indices[k]] += x[i] * values[k];
  });
  return result;
}

/** `r_i = Σ_j m_ij · x_j`: each row's dot product with x (`matmul_transpose`). */
export const rowDots = (m: SparseMatrix, x: Vector): number[] =>
  m.rows.map(({ indices, values }) => {
    let total = 0;
    for (let k = 0; k < indices.length; k += 1) total += values[k] * x[indices[k]];
    return total;
  });
