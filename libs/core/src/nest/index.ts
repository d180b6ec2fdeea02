// The few Nest/GraphQL building blocks every feature shares. The main `@guildhall/core` entry stays
// Nest-free; this entry is `@guildhall/core/nest`.
export * from './access.js';
export * from './page.args.js';
export * from './signed-message.input.js';
export * from './sibling-fields.js';
