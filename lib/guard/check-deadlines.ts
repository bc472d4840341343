/**
 * One timer for every pending asynchronous check, instead of one per call.
 * Each check joins a queue of its `checkTimeout` (deadlines then come in
 * order) and leaves it when it settles; the shared timer is armed for the
 * earliest deadline still pending and, when it fires, expires every check
 * past its deadline and re-arms for the next. A check that never settles
 * thus gets its 503 at `checkTimeout`, late only by the timers' 1 ms
 * resolution and by however long the event loop was blocked.
 *
 * Watching a check is a clock read and a link in its queue, made of the
 * check's own fields (it leaves the queue at once when it settles, so a
 * stuck check holds back nothing settled behind it): the timer is armed
 * only when none is armed for an earlier deadline, so under any load it is
 * armed about once per `checkTimeout` (a check that settles leaves the
 * timer as it is), and it is unref'd and stops, unarmed, at the first
 * deadline it finds nothing pending.
 */

/**
 * A check waiting for its answer, or for its deadline: the check's own
 * record, whose fields link it into its queue, so that watching it
 * allocates nothing. `expire` answers its call with the 503 once its
 * deadline passes.
 */
export interface PendingCheck {
  /** On the `performance.now()` clock, set by `watch`. */
  deadline: number;
  /** False once the check is done, settled or expired. */
  pending: boolean;
  previous: PendingCheck | undefined;
  next: PendingCheck | undefined;
  queue: Queue | undefined;
  expire(): void;
}

/** The pending checks of one `checkTimeout`, in the order of their deadlines. */
export interface Queue {
  head: PendingCheck | undefined;
  tail: PendingCheck | undefined;
}

const queues = new Map<number, Queue>();
let lastTimeout = -1;
let lastQueue: Queue | undefined;

// Who armed the timer: a fake-timer library installed or removed since (in
// a test) drops what the other one held, so a timer armed by a setTimeout
// that is no longer the global one counts as none.
let timer: ReturnType<typeof setTimeout> | undefined;
let armedBy: typeof setTimeout | undefined;
let armedFor = Number.POSITIVE_INFINITY;
let arming = 0;

// The clock, read again whenever `setTimeout` is not the function it was
// read with: a fake-timer library swaps both together, and its timers must
// meet its clock. Node's `performance` global is a getter that checks its
// receiver on every read; `setTimeout` is a plain property.
let clock: { now(): number } = performance;
let clockOf: typeof setTimeout = setTimeout;

function now(): number {
  if (clockOf !== setTimeout) {
    clock = performance;
    clockOf = setTimeout;
  }
  return clock.now();
}

function queueOf(timeout: number): Queue {
  if (timeout === lastTimeout) return lastQueue as Queue;
  let queue = queues.get(timeout);
  if (queue === undefined) {
    queue = { head: undefined, tail: undefined };
    queues.set(timeout, queue);
  }
  lastTimeout = timeout;
  lastQueue = queue;
  return queue;
}

// Takes a done check out of its queue.
function unlink(check: PendingCheck): void {
  const { previous, next } = check;
  const queue = check.queue as Queue;
  if (previous === undefined) queue.head = next;
  else previous.next = next;
  if (next === undefined) queue.tail = previous;
  else next.previous = previous;
  // A done check may stay held (by an answer that never comes): it holds no other.
  check.previous = undefined;
  check.next = undefined;
}

function earliestDeadline(): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const queue of queues.values()) {
    if (queue.head !== undefined && queue.head.deadline < earliest) earliest = queue.head.deadline;
  }
  return earliest;
}

function arm(): void {
  const deadline = earliestDeadline();
  if (armedBy === setTimeout && armedFor <= deadline) return;
  if (armedBy === setTimeout) clearTimeout(timer);
  armedBy = undefined;
  armedFor = deadline;
  if (deadline === Number.POSITIVE_INFINITY) return;
  armedBy = setTimeout;
  // A timer left by a fake-timer library's swap fires for nothing: only the latest one sweeps.
  const armed = ++arming;
  timer = setTimeout(() => armed === arming && sweep(), Math.max(1, Math.ceil(deadline - now())));
  // A stuck check alone must not keep a process alive (edge runtimes have no unref).
  (timer as { unref?: () => void }).unref?.();
}

function sweep(): void {
  // The timer is the authority on time: once it fires, its deadline has
  // passed, even where a test fakes the timers but not the clock.
  const passed = Math.max(now(), armedFor);
  armedBy = undefined;
  armedFor = Number.POSITIVE_INFINITY;
  for (const [timeout, queue] of queues) {
    for (let head = queue.head; head !== undefined && head.deadline <= passed; head = queue.head) {
      head.pending = false;
      unlink(head);
      head.expire();
    }
    if (queue.head === undefined && queue !== lastQueue) queues.delete(timeout);
  }
  arm();
}

/** Starts watching `check`, a new one (its links unset): `check.expire()` answers it once `timeout` milliseconds have passed. */
export function watch(timeout: number, check: PendingCheck): void {
  const queue = queueOf(timeout);
  check.deadline = now() + timeout;
  check.pending = true;
  check.queue = queue;
  check.previous = queue.tail;
  if (queue.tail === undefined) queue.head = check;
  else queue.tail.next = check;
  queue.tail = check;
  // The timer comes by in time already, or is armed now for this deadline.
  if (armedBy !== setTimeout || armedFor > check.deadline) arm();
}

/** Ends the watch on a check that settled: true if it was still pending, false once its 503 went out. */
export function release(check: PendingCheck): boolean {
  if (!check.pending) return false;
  check.pending = false;
  unlink(check);
  return true;
}
