import type { JsonResponse } from '../response/json-response.js';

/** A guard's verdict on one call: `undefined` lets the handler run, a JsonResponse refuses it. */
export type Verdict = JsonResponse | undefined;

/** A verdict, or a Promise of one when a check is asynchronous. */
export type PendingVerdict = Verdict | Promise<Verdict>;
