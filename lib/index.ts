/**
 * ajax-guard: Django's access decorators for AJAX views, in TypeScript.
 * The core decides; the adapters in `ajax-guard/express`, `/koa`, `/fastify`,
 * `/fetch`, `/hono` and `/nestjs` only write its responses, and
 * `ajax-guard/adapter` holds the kit for writing another. This entry point
 * loads no framework.
 */

// Settings: the app-wide defaults, and the default checks to build on.
export { defaultHasPermission, type PermissionCheck } from './auth/has-permission.js';
export { type AuthenticationCheck, defaultIsAuthenticated } from './auth/is-authenticated.js';
export { defaultGetUser, type UserGetter } from './auth/user.js';
// Guards: the decorators, and the same checks with no handler.
export { type AllowAnonymousDecorator, allowAnonymous } from './decorators/allow-anonymous.js';
export { type LoginRequiredOptions, loginRequired, type RedirectBody } from './decorators/login-required.js';
export { type LoginRequiredAjaxOptions, loginRequiredAjax } from './decorators/login-required-ajax.js';
export { type MethodDecorator, methodDecorator } from './decorators/method-decorator.js';
export { type PermissionRequiredAjaxOptions, permissionRequiredAjax } from './decorators/permission-required-ajax.js';
export { type UserPassesTestAjaxOptions, type UserTest, userPassesTestAjax } from './decorators/user-passes-test-ajax.js';
export { checkAccess } from './guard/check-access.js';
export type { GuardDecorator, Guarded } from './guard/define-guard.js';
export type { GuardOptions } from './guard/options.js';
// Introspection: the rules each handler carries, and the handlers with none.
export type { AccessRule } from './guard/rules.js';
export { findUnguardedHandlers, getAccessRules } from './metadata/introspection.js';
// Responses: what a handler returns, and what a refusal looks like.
export type { Denial, DenialReason, Renderer } from './response/denial.js';
export { defaultRender, type ErrorBody } from './response/error-body.js';
export { isJsonResponse, type JsonResponse, type JsonResponseInit, jsonResponse } from './response/json-response.js';
export { type ProblemDetailsBody, problemDetails } from './response/problem-details.js';
export { configure, type ErrorCodes, type RequestGetter, resetSettings, type Settings, type SettingsInput } from './settings.js';
// Views: Django's class-based views and JSON mixin.
export { JSONResponseMixin, type JsonRendering } from './views/json-response-mixin.js';
export { RequireSignInAjax } from './views/require-sign-in-ajax.js';
export { HTTP_METHOD_NAMES, type HttpMethodName, View, type ViewHandler } from './views/view.js';
