import type { Issue } from '../engine/index.ts';

/** Why a use case was not carried out; `status` is the HTTP status the web layer answers. */
export type Refused = { readonly kind: 'refused'; readonly status: 403 | 404 | 409 | 422; readonly issues: Issue[] };

export const refused = (status: Refused['status'], message: string, path = ''): Refused => ({
  kind: 'refused',
  status,
  issues: [{ path, message }],
});
