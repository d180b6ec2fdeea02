import 'reflect-metadata';

// Hardhat's EDR formats revert errors through Error.prepareStackTrace; jest's ESM sandbox leaves it
// undefined, which turns every revert into "-32603 HHE100". Restore V8's format.
if (typeof Error.prepareStackTrace !== 'function') {
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) =>
    [
      `${error.name}: ${error.message}`,
      ...frames.map(
        (frame) =>
          `    at ${frame.getFunctionName() ?? '<anonymous>'} (${frame.getFileName() ?? '<unknown>'}:${frame.getLineNumber() ?? 0}:${frame.getColumnNumber() ?? 0})`,
      ),
    ].join('\n');
}
