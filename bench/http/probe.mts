/**
 * Looks at what each variant answers before anything is measured: the
 * expected status on each path, and, on the anonymous path, the very 401 of
 * ajax-guard from the hand-written check (same body but for the second it
 * was built in, same headers), so the two are compared doing the same work.
 */
import type { Target } from './measure.mjs';
import { AJAX_GUARD, expectedStatus, HAND_WRITTEN, headersFor, PATHS, type Path } from './plan.mjs';
import { ROUTE } from './scenario.mjs';

/** One variant's answer on one path, as the report keeps it. */
export interface Answer {
  readonly framework: string;
  readonly variant: string;
  readonly path: Path;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const COMPARED_HEADERS = ['content-type', 'cache-control', 'www-authenticate'];

async function ask(target: Target, path: Path): Promise<Answer> {
  const response = await fetch(target.url + ROUTE, { headers: headersFor(path), signal: AbortSignal.timeout(5_000) });
  const answer = {
    framework: target.framework,
    variant: target.variant,
    path,
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
  if (answer.status !== expectedStatus(target.variant, path)) {
    throw new Error(`${target.framework} ${target.variant} (${path}) answered ${answer.status}: ${answer.body}`);
  }
  return answer;
}

// What must match between two 401s: the body without its timestamp, and the headers ajax-guard sets.
function refusalShape(answer: Answer): string {
  const { timestamp: _, ...body } = JSON.parse(answer.body) as Record<string, unknown>;
  return JSON.stringify([body, COMPARED_HEADERS.map((name) => answer.headers[name])]);
}

/** Every target's answer on both paths; throws when one is not what the comparison assumes. */
export async function probe(targets: readonly Target[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const target of targets) for (const path of PATHS) answers.push(await ask(target, path));
  const refusals = answers.filter((answer) => answer.path === 'anonymous');
  for (const ours of refusals.filter((answer) => answer.variant === AJAX_GUARD)) {
    const theirs = refusals.find((answer) => answer.framework === ours.framework && answer.variant === HAND_WRITTEN);
    if (theirs !== undefined && refusalShape(ours) !== refusalShape(theirs)) {
      throw new Error(`${ours.framework}: ajax-guard's 401 differs from the hand-written one:\n${ours.body}\n${theirs.body}`);
    }
  }
  return answers;
}
