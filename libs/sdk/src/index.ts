export * from './browser.js';
// Node's client (its socket sends the headers) shadows the browser's of the same name.
export { GuildhallClient } from './node-client.js';
