export * from './domain/yuma/index.js';
