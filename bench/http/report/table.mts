/** The report as one Markdown table, for the terminal, the saved Markdown file and the README alike. */
import { AJAX_GUARD, BARE, CASES, FRAMEWORKS, HAND_WRITTEN, isPeer } from '../orchestrate/plan.mjs';
import { LIMITS, type Report, type Row, type Spread } from './report.mjs';

const NAMES: Record<string, string> = {
  express: 'Express 5',
  koa: 'Koa 3',
  fastify: 'Fastify 5',
  hono: 'Hono 4 (node-server)',
  'hono-bun': 'Hono 4 (Bun)',
  'fetch-bun': 'Fetch API (Bun)',
};

const number = (value: number, digits: number): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ranged = ({ median, min, max }: Spread, digits: number): string =>
  `${number(median, digits)} (${number(min, digits)}–${number(max, digits)})`;
const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

const HEADER = [
  'framework',
  'case',
  'status',
  'bare µs/req (×hand)',
  'hand-written µs/req',
  'ajax-guard µs/req',
  `CPU ×hand (≤ ${LIMITS.cpuMicrosPerRequest})`,
  `req/s ×hand (≥ ${LIMITS.requestsPerSecond})`,
  'met',
  'peers CPU ×hand',
];

function caseLine(report: Report, framework: string, key: string): string | undefined {
  const rows = report.rows.filter((r) => r.framework === framework && r.case === key);
  const of = (variant: string): Row | undefined => rows.find((r) => r.variant === variant);
  const ours = of(AJAX_GUARD);
  const hand = of(HAND_WRITTEN);
  const c = CASES.find((one) => one.key === key);
  if (ours === undefined || hand === undefined || c === undefined) return undefined;
  const target = report.targets.find((t) => t.framework === framework && t.case === key);
  const peers = rows
    .filter((r) => isPeer(r.variant))
    .map((r) => `${r.variant} ${number(r.toHandWritten.cpuMicrosPerRequest.median, 2)}`);
  const bare = of(BARE);
  return line([
    NAMES[framework] ?? framework,
    c.title,
    String(c.status),
    // The route with no check beside the hand-written one: how far apart two near-equal servers measure.
    bare === undefined
      ? ''
      : `${number(bare.cpuMicrosPerRequest.median, 1)} (×${number(bare.toHandWritten.cpuMicrosPerRequest.median, 2)})`,
    number(hand.cpuMicrosPerRequest.median, 1),
    number(ours.cpuMicrosPerRequest.median, 1),
    ranged(ours.toHandWritten.cpuMicrosPerRequest, 2),
    ranged(ours.toHandWritten.requestsPerSecond, 2),
    target?.cpuMet && target.requestsPerSecondMet ? 'yes' : 'NO',
    peers.join(', '),
  ]);
}

const OTHER_GUARDS_HEADER = [
  'framework',
  'case',
  'other guard',
  `ajax-guard CPU ×theirs (≤ ${number(LIMITS.cpuToOtherGuard401, 2)})`,
  'ajax-guard in NestJS ×theirs',
  'no check at all ×theirs',
  'met',
];

// ajax-guard's refusals against other libraries' guards, beside the floor: the bare route, which checks nothing.
function otherGuardLines(report: Report): string[] {
  if (report.otherGuards.length === 0) return [];
  const cell = (value: Spread | undefined) => (value === undefined ? '' : ranged(value, 2));
  return [
    '',
    line(OTHER_GUARDS_HEADER),
    line(OTHER_GUARDS_HEADER.map((_, i) => (i < 3 || i === 6 ? '---' : '---:'))),
    ...report.otherGuards.map((check) =>
      line([
        NAMES[check.framework] ?? check.framework,
        CASES.find((c) => c.key === check.case)?.title ?? check.case,
        check.guard,
        cell(check.ajaxGuard),
        cell(check.ajaxGuardInNest),
        cell(check.noCheck),
        check.met ? 'yes' : 'NO',
      ]),
    ),
  ];
}

/**
 * One line per framework and case: server CPU per request, and ajax-guard's
 * ratios to the hand-written check; then its refusals against other
 * libraries' guards, where they ran.
 */
export function formatReport(report: Report): string {
  const out = [line(HEADER), line(HEADER.map((_, i) => (i < 2 || i === 8 || i === 9 ? '---' : '---:')))];
  for (const framework of FRAMEWORKS) {
    for (const c of CASES) {
      const text = caseLine(report, framework, c.key);
      if (text !== undefined) out.push(text);
    }
  }
  out.push(...otherGuardLines(report));
  const errors = report.rows.filter((row) => row.samples.some((sample) => sample.errors > 0));
  for (const row of errors) out.push('', `${row.framework} ${row.variant} ${row.case}: connection errors (closed or reset)`);
  for (const { framework, variant, reason } of report.unavailable) {
    out.push('', `${variant} on ${framework} was not measured: ${reason.split('\n')[0]}`);
  }
  return out.join('\n');
}
