// GET /edge/reports on Next.js's edge runtime.
export { reports as GET } from '../../../../fetch/app';

export const runtime = 'edge';
