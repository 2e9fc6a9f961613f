/** What the last action did (a status) or why it was refused (an alert), at the top of an administration page. */
export const Notices = (p: { readonly done?: string | undefined; readonly problem?: string | undefined }) => (
  <>
    {p.done && (
      <p class="notice notice--info" role="status">
        {p.done}
      </p>
    )}
    {p.problem && (
      <p class="notice notice--error" role="alert">
        {p.problem}
      </p>
    )}
  </>
);
