// The ESM entry re-exports the one CommonJS build, so that an app loading
// both shares one set of settings and one kind of response.
export * from '../adapters/nestjs.js';
