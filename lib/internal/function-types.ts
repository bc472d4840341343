/** Any function a decorator may stand on: the user's signatures, of any shape. */
export type AnyFunction = (...args: any[]) => any;

/** Any class a decorator may stand on. */
export type AnyClass = abstract new (...args: any[]) => any;
