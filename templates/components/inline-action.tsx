/** A one-button form that posts one hidden value, for actions in a table row (reopen a round, restore a version). */
export const InlineAction = (p: {
  readonly action: string;
  readonly name: string;
  readonly value: string;
  readonly label: string;
}) => (
  <form class="inline-form" method="post" action={p.action}>
    <input type="hidden" name={p.name} value={p.value} />
    <button type="submit" class="button button--small button--ghost-dark">
      {p.label}
    </button>
  </form>
);
