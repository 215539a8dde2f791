export * from './categories.js';
export * from './library-types.js';
export * from './library-dsl.js';
export * from './normalise.js';
export * from './classifier.js';
export * from './search-terms.js';
export { builtInLibrary } from './library/index.js';
