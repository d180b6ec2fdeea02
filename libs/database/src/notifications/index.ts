export * from './pg-notifier.js';
export * from './notifications.module.js';
