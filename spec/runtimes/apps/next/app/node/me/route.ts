// GET /node/me on Next.js's nodejs runtime.
export { me as GET } from '../../../../fetch/app';

export const runtime = 'nodejs';
