// GET /edge/me on Next.js's edge runtime.
export { me as GET } from '../../../../fetch/app';

export const runtime = 'edge';
