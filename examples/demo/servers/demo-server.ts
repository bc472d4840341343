/** Where a demo server listens. */
export interface ListenOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

/** A demo server that is listening, and how to stop it. */
export interface DemoServer {
  /** `http://127.0.0.1:3000`, with no trailing slash. */
  readonly url: string;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
}

/**
 * Starts the demo on one framework: the same `DemoController`, behind that
 * framework's own session, passport and static-file middleware.
 */
export type StartDemo = (options: ListenOptions) => Promise<DemoServer>;
