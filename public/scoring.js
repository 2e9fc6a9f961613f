// The scoring grid's keyboard and saves. Enter moves to the cell below (saving the one left, as a change event
// does), Shift+Enter to the one above; everything else is plain HTML and htmx.
const cellAt = (row, col) => document.querySelector(`.cell__value[data-row="${row}"][data-col="${col}"]`);
const focusCell = (input) => {
  input.focus();
  input.select();
};
// Enter on the last row loaded: the cell to move to once the next batch of rows has come in.
let awaited = null;

document.addEventListener('keydown', (event) => {
  const input = event.target;
  if (event.key !== 'Enter' || !(input instanceof HTMLInputElement) || !input.matches('.cell__value')) return;
  event.preventDefault();
  const row = Number(input.dataset.row) + (event.shiftKey ? -1 : 1);
  const next = cellAt(row, input.dataset.col);
  if (next instanceof HTMLInputElement) {
    focusCell(next);
    return;
  }
  if (input.value !== input.dataset.sent) input.dispatchEvent(new Event('change', { bubbles: true }));
  // The rows below are loaded as they scroll into view: bring them in and move down when they arrive.
  const more = document.querySelector('.grid__more[hx-get]');
  if (!event.shiftKey && more) {
    // Given up on after a while (the batch failed to load): focus must not jump when it comes in much later.
    awaited = { row, col: input.dataset.col, until: Date.now() + 10_000 };
    more.scrollIntoView({ block: 'nearest' });
  }
});

document.addEventListener('htmx:after:settle', () => {
  if (awaited && Date.now() > awaited.until) awaited = null;
  if (!awaited) return;
  const next = cellAt(awaited.row, awaited.col);
  if (next instanceof HTMLInputElement) {
    awaited = null;
    focusCell(next);
  }
});

// htmx builds a save's body when the change happens; one queued behind a save in flight would then carry the
// version from before that save and be refused as a conflict with the user's own change. So each save sends the
// cell as it is when the request leaves, with the version the previous answer put into the form.
document.addEventListener('htmx:before:request', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches('.cell__form')) return;
  const body = new URLSearchParams(new FormData(form));
  event.detail.ctx.request.body = body;
  const value = form.querySelector('.cell__value');
  if (value instanceof HTMLInputElement) value.dataset.sent = value.value;
});
