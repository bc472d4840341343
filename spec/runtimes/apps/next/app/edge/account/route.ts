// GET /edge/account on Next.js's edge runtime.
export { accountPage as GET } from '../../../../fetch/app';

export const runtime = 'edge';
