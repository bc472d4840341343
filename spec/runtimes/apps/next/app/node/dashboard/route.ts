// GET /node/dashboard on Next.js's nodejs runtime.
export { dashboard as GET } from '../../../../fetch/app';

export const runtime = 'nodejs';
