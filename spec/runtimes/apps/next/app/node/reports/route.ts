// GET /node/reports on Next.js's nodejs runtime.
export { reports as GET } from '../../../../fetch/app';

export const runtime = 'nodejs';
