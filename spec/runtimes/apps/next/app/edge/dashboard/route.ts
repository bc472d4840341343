// GET /edge/dashboard on Next.js's edge runtime.
export { dashboard as GET } from '../../../../fetch/app';

export const runtime = 'edge';
