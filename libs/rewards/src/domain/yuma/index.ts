export { runEpoch, type YumaResult } from './run-epoch.js';
export {
  DEFAULT_YUMA_PARAMS,
  resolveYumaParams,
  type LiquidAlphaParams,
  type YumaParams,
  type YumaParamsInput,
} from './yuma-params.js';
export { parseYumaInput, YumaInput, type YumaInputIssue } from './yuma-input.js';
export { YumaError, YumaErrorCode } from './yuma.error.js';
export type { Matrix, Vector } from './matrix.js';
