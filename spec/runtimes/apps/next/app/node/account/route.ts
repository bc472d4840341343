// GET /node/account on Next.js's nodejs runtime.
export { accountPage as GET } from '../../../../fetch/app';

export const runtime = 'nodejs';
