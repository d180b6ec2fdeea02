export { runEpoch, runEpochSparse, type SparseYumaResult, type YumaResult } from './run-epoch.js';
export {
  DEFAULT_YUMA_PARAMS,
  resolveYumaParams,
  type LiquidAlphaParams,
  type YumaParams,
  type YumaParamsInput,
} from './yuma-params.js';
export { parseYumaInput, YumaInput, type SparseYumaInput, type YumaInputIssue } from './yuma-input.js';
export { YumaError, YumaErrorCode } from './yuma.error.js';
export type { Matrix, SparseMatrix, SparseRow, Vector } from './matrix.js';
