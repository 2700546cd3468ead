// Copy buttons: <button data-copy="field-id"> copies that field's text and
// says so on the button. Fields marked data-select-on-focus select their
// whole text when focused, ready to copy by hand. Listening on the document
// keeps both working after htmx swaps the region they sit in.

const COPIED_FOR_MS = 2500;

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) {
    return;
  }
  const field = document.getElementById(button.dataset.copy);
  if (!field) {
    return;
  }
  const label = button.dataset.label || button.textContent;
  button.dataset.label = label;
  try {
    await navigator.clipboard.writeText(field.value);
    button.textContent = "Copied";
  } catch {
    // No clipboard here (an insecure origin, or permission refused): select
    // the text so that the person's own copy command takes it.
    field.focus();
    field.select();
    button.textContent = "Selected: copy it";
  }
  setTimeout(() => {
    button.textContent = label;
  }, COPIED_FOR_MS);
});

document.addEventListener("focusin", (event) => {
  if (event.target.matches?.("[data-select-on-focus]")) {
    event.target.select();
  }
});
