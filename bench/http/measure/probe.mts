/**
 * Looks at what each variant answers before anything is measured: the
 * expected status on each case, and ajax-guard's very answer from the
 * hand-written check (same body but for the second it was built in, same
 * headers), on its own and on NestJS, so that they are compared doing the same work.
 */
import http from 'node:http';
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

// Over node:http, as the load generator sends it: fetch would add headers of its own (sec-fetch-mode: cors).
function get(
  url: string,
  headers: Readonly<Record<string, string>>,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, timeout: 5_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers as Record<string, string>, body }),
      );
    });
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url} within 5 s`)));
    request.on('error', reject);
  });
}

async function ask(target: Target, c: Case): Promise<Answer> {
  const answer = {
    framework: target.framework,
    variant: target.variant,
    case: c.key,
    ...(await get(target.url + c.route, c.headers)),
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
    // ajax-guard answers as the hand-written check does, on NestJS too.
    const theirs = answers.find((a) => a.case === c.key && a.variant === HAND_WRITTEN);
    for (const ours of answers.filter((a) => a.case === c.key && a.variant.endsWith(AJAX_GUARD))) {
      if (theirs !== undefined && shape(ours) !== shape(theirs)) {
        throw new Error(
          `${ours.framework} ${ours.variant} ${c.key}: its answer differs from the hand-written one:\n${shape(ours)}\n${shape(theirs)}`,
        );
      }
    }
  }
  return answers;
}
