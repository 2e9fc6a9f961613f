// The scoring grid's keyboard: Enter moves to the cell below (saving the one left, as a change event does),
// Shift+Enter to the one above. Everything else is plain HTML and htmx.
document.addEventListener('keydown', (event) => {
  const input = event.target;
  if (event.key !== 'Enter' || !(input instanceof HTMLInputElement) || !input.matches('.cell__value')) return;
  event.preventDefault();
  const row = Number(input.dataset.row) + (event.shiftKey ? -1 : 1);
  const next = document.querySelector(`.cell__value[data-row="${row}"][data-col="${input.dataset.col}"]`);
  if (next instanceof HTMLInputElement) {
    next.focus();
    next.select();
  } else {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
});
