/**
 * Looks at what each variant answers before anything is measured: the
 * expected status on each case, and ajax-guard's very answer from the
 * hand-written check (same body but for the second it was built in, same
 * headers), so that the two are compared doing the same work.
 */
import { AJAX_GUARD, type Case, expectedStatus, HAND_WRITTEN, serves } from '../orchestrate/plan.mjs';
import type { Target } from './measure.mjs';

/** One variant's answer on one case, as the report keeps it. */
export interface Answer {
  readonly framework: string;
  readonly variant: string;
  readonly case: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const COMPARED_HEADERS = ['content-type', 'cache-control', 'www-authenticate', 'vary', 'location'];

async function ask(target: Target, c: Case): Promise<Answer> {
  const response = await fetch(target.url + c.route, {
    headers: c.headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(5_000),
  });
  const answer = {
    framework: target.framework,
    variant: target.variant,
    case: c.key,
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
  if (answer.status !== expectedStatus(target.variant, c)) {
    throw new Error(`${target.framework} ${target.variant} (${c.key}) answered ${answer.status}: ${answer.body}`);
  }
  return answer;
}

// What must match between two answers: the status, the body without its timestamp, and the headers ajax-guard sets.
function shape(answer: Answer): string {
  const { timestamp: _, ...body } = JSON.parse(answer.body) as Record<string, unknown>;
  return JSON.stringify([answer.status, body, COMPARED_HEADERS.map((name) => answer.headers[name])]);
}

/** Every target's answer on every case it serves; throws when ajax-guard's differs from the hand-written one. */
export async function probe(targets: readonly Target[], cases: readonly Case[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const c of cases) {
    for (const target of targets) if (serves(target.variant, c)) answers.push(await ask(target, c));
    const ours = answers.find((a) => a.case === c.key && a.variant === AJAX_GUARD);
    const theirs = answers.find((a) => a.case === c.key && a.variant === HAND_WRITTEN);
    if (ours !== undefined && theirs !== undefined && shape(ours) !== shape(theirs)) {
      throw new Error(
        `${ours.framework} ${c.key}: ajax-guard's answer differs from the hand-written one:\n${shape(ours)}\n${shape(theirs)}`,
      );
    }
  }
  return answers;
}
