export * from './api-keys.service.js';
