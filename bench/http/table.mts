/** The report as Markdown tables, for the terminal and for the README alike. */
import { FRAMEWORKS, PATHS } from './plan.mjs';
import { LIMITS, type Report, type Row } from './report.mjs';
import type { Spread } from './stats.mjs';

const NAMES: Record<string, string> = { express: 'Express 5', koa: 'Koa 3', fastify: 'Fastify 5' };

const number = (value: number, digits: number): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ranged = ({ median, min, max }: Spread, digits: number): string =>
  `${number(median, digits)} (${number(min, digits)}–${number(max, digits)})`;
const ratio = (spread: Spread): string => number(spread.median, 2);

const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

const HEADER = ['variant', 'req/s', '×bare', '×hand', 'p99 ms', '×bare', '×hand', 'server CPU µs/req', '×bare', '×hand'];

function rowLine(row: Row): string {
  return line([
    row.variant,
    ranged(row.requestsPerSecond, 0),
    ratio(row.toBare.requestsPerSecond),
    ratio(row.toHandWritten.requestsPerSecond),
    ranged(row.p99Ms, 2),
    ratio(row.toBare.p99Ms),
    ratio(row.toHandWritten.p99Ms),
    ranged(row.cpuMicrosPerRequest, 1),
    ratio(row.toBare.cpuMicrosPerRequest),
    ratio(row.toHandWritten.cpuMicrosPerRequest),
  ]);
}

const SUMMARY_HEADER = [
  'framework',
  'variant',
  '200: req/s',
  'server CPU µs/req',
  'CPU ×hand',
  '401: req/s',
  'server CPU µs/req',
  'CPU ×hand',
];

// Every variant on one line: medians, and the CPU ratio that the targets are about.
function summary(report: Report): string[] {
  const out = [line(SUMMARY_HEADER), line(SUMMARY_HEADER.map((_, i) => (i < 2 ? '---' : '---:')))];
  for (const framework of FRAMEWORKS) {
    for (const row of report.rows.filter((r) => r.framework === framework && r.path === 'authenticated')) {
      const refused = report.rows.find((r) => r.framework === framework && r.variant === row.variant && r.path === 'anonymous');
      const cells = [row, refused].flatMap((r) =>
        r === undefined
          ? ['', '', '']
          : [
              number(r.requestsPerSecond.median, 0),
              number(r.cpuMicrosPerRequest.median, 1),
              ratio(r.toHandWritten.cpuMicrosPerRequest),
            ],
      );
      out.push(line([NAMES[framework] ?? framework, row.variant, ...cells]));
    }
  }
  return out;
}

/** One table per framework and path, a summary, then the targets. */
export function formatReport(report: Report): string {
  const out: string[] = [];
  for (const framework of FRAMEWORKS) {
    for (const path of PATHS) {
      const rows = report.rows.filter((row) => row.framework === framework && row.path === path);
      if (rows.length === 0) continue;
      out.push(`### ${NAMES[framework]}, ${path} (${path === 'authenticated' ? 200 : 401})`, '');
      out.push(line(HEADER), line(HEADER.map((_, i) => (i === 0 ? '---' : '---:'))));
      out.push(...rows.map(rowLine), '');
      for (const row of rows) {
        const errors = row.samples.reduce((sum, sample) => sum + sample.errors, 0);
        if (errors > 0) out.push(`${row.variant}: ${errors} connection errors (the server closed or reset connections)`, '');
      }
    }
  }
  out.push('### Summary (medians over rounds; ratios are medians of per-round ratios)', '', ...summary(report), '');
  out.push('### ajax-guard against the hand-written check (medians of per-round ratios, min–max)', '');
  const targetHeader = [
    'framework',
    'path',
    `server CPU/req (≤ ${LIMITS.cpuMicrosPerRequest})`,
    `req/s (≥ ${LIMITS.requestsPerSecond})`,
    'met',
  ];
  out.push(line(targetHeader), line(['---', '---', '---:', '---:', '---']));
  for (const target of report.targets) {
    const row = report.rows.find((r) => r.framework === target.framework && r.path === target.path && r.variant === 'ajax-guard');
    if (row === undefined) continue;
    const met = target.cpuMet && target.requestsPerSecondMet ? 'yes' : 'NO';
    out.push(
      line([
        NAMES[target.framework] ?? target.framework,
        target.path,
        ranged(row.toHandWritten.cpuMicrosPerRequest, 3),
        ranged(row.toHandWritten.requestsPerSecond, 3),
        met,
      ]),
    );
  }
  for (const { framework, variant, reason } of report.unavailable) {
    out.push('', `${variant} on ${framework} was not measured: ${reason.split('\n')[0]}`);
  }
  return out.join('\n');
}
