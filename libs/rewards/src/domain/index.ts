export * from './yuma/index.js';
export * from './allocation/index.js';
