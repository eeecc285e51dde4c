// The one thing every part shares: kinds, schemas, the graph, errors and plugin contracts.

export * from './changeset.js';
export * from './diff.js';
export * from './errors.js';
export * from './graph.js';
export * from './io.js';
export * from './kinds.js';
export * from './plugin.js';
export * from './schema.js';
export * from './secrets.js';
