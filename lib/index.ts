/**
 * ajax-guard: Django's access decorators for AJAX views, in TypeScript.
 * The core decides; the adapters in `ajax-guard/express`, `/koa`, `/fastify`
 * and `/fetch` only write its answers. This entry point loads no framework.
 */

export { defaultHasPermission, type PermissionCheck } from './auth/has-permission.js';
export { type AuthenticationCheck, defaultIsAuthenticated } from './auth/is-authenticated.js';
export { type AllowAnonymousDecorator, allowAnonymous } from './decorators/allow-anonymous.js';
export { checkAccess } from './decorators/check-access.js';
export type { GuardDecorator, Guarded } from './decorators/guard-decorator.js';
export type { GuardOptions } from './decorators/guard-options.js';
export { type LoginRequiredOptions, loginRequired, type RedirectBody } from './decorators/login-required.js';
export { type LoginRequiredAjaxOptions, loginRequiredAjax } from './decorators/login-required-ajax.js';
export { type MethodDecorator, methodDecorator } from './decorators/method-decorator.js';
export { type PermissionRequiredAjaxOptions, permissionRequiredAjax } from './decorators/permission-required-ajax.js';
export { type UserPassesTestAjaxOptions, type UserTest, userPassesTestAjax } from './decorators/user-passes-test-ajax.js';
export type { AccessRule } from './metadata/access-rule.js';
export { findUnguardedHandlers, getAccessRules } from './metadata/introspection.js';
export { acceptQuality } from './negotiation/accept.js';
export { prefersHtml } from './negotiation/prefers-html.js';
export { requestHeader } from './request/request-header.js';
export { requestMethod } from './request/request-method.js';
export { requestPath } from './request/request-path.js';
export { defaultRender } from './response/default-render.js';
export type { Denial, DenialReason, Renderer } from './response/denial.js';
export { isJsonResponse, type JsonResponse, type JsonResponseInit, jsonResponse } from './response/json-response.js';
export { type ProblemDetailsBody, problemDetails } from './response/problem-details.js';
export type { SeedErrorBody } from './response/seed-error.js';
export { type SerializedResponse, serializeResponse, toJsonResponse } from './response/serialize.js';
export { configure, type ErrorCodes, resetSettings, type Settings, type SettingsInput } from './settings.js';
export { JSONResponseMixin, type JsonRendering } from './views/json-response-mixin.js';
export { RequireSignInAjax } from './views/require-sign-in-ajax.js';
export { HTTP_METHOD_NAMES, type HttpMethodName, View, type ViewHandler } from './views/view.js';
