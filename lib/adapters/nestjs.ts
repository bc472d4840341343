/**
 * ajax-guard for NestJS: import `AjaxGuardModule.forRoot()` in the root
 * module, and every ajax-guard decorator on controllers works on the Express
 * and the Fastify platform. Nest's packages are loaded by this entry only.
 */
export { type AjaxGuardDynamicModule, AjaxGuardModule } from '../nestjs/ajax-guard.module.js';
export { nestRequest } from '../nestjs/request-argument.js';
