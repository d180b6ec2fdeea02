export * from './browser.js';
export * from './pagination/index.js';
export * from './run-main.js';
export * from './free-port.js';
