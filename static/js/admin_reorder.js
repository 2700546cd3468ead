// The admin's ordered inlines (a routine's steps, a program's days): move a row
// one place up or down with its buttons, by mouse, touch or keyboard.
//
// django-admin-sortable2 already drags rows by their title strip and numbers
// the hidden position fields (input._reorder_) 1, 2, 3… when a drag ends;
// this does the same after a button press, so Save stores exactly what is
// shown. Nothing is saved until Save, as with dragging. Wired by data
// attributes in templates/admin/edit_inline/ordered_tabular.html:
// [data-move="up"|"down"] buttons and a [data-move-status] line per inline.
// Loaded as a classic script in the admin's <head>, so it listens on the
// document rather than waiting for the rows.

(() => {
  const ROW = "tr.has_original";

  document.addEventListener("click", (event) => {
    const button = event.target.closest?.("[data-move]");
    const row = button?.closest(ROW);
    if (!row) {
      return;
    }
    event.preventDefault();
    move(row, button.dataset.move === "up" ? -1 : 1, button);
  });

  // A drag by sortable2 leaves the numbers in the row titles stale; its
  // Sortable fires a bubbling "end" event on the table body when it drops.
  document.addEventListener("end", (event) => {
    const group = event.target.closest?.(".js-inline-admin-formset");
    if (group) {
      renumber(group);
    }
  });

  function move(row, offset, button) {
    const group = row.closest(".js-inline-admin-formset");
    const rows = [...group.querySelectorAll(ROW)];
    const index = rows.indexOf(row);
    const target = index + offset;
    const name = row.querySelector("[data-move]").getAttribute("aria-label").match(/“(.*)”/)?.[1];
    if (target < 0 || target >= rows.length) {
      say(group, `“${name}” is already ${offset < 0 ? "first" : "last"}.`);
      return;
    }
    const neighbour = rows[target];
    // A row's form errors sit in a row of their own just above it: they move along.
    const errors = row.previousElementSibling?.classList.contains("row-form-errors")
      ? row.previousElementSibling
      : null;
    if (offset < 0) {
      const above = neighbour.previousElementSibling?.classList.contains("row-form-errors")
        ? neighbour.previousElementSibling
        : neighbour;
      above.before(...(errors ? [errors, row] : [row]));
    } else {
      neighbour.after(...(errors ? [errors, row] : [row]));
    }
    renumber(group);
    // Moving the row in the page takes the keyboard focus away from it.
    button.focus();
    say(group, `“${name}” moved to place ${target + 1} of ${rows.length}. Save to keep the order.`);
  }

  function renumber(group) {
    group.querySelectorAll(ROW).forEach((row, index) => {
      const position = row.querySelector("input._reorder_");
      if (position) {
        position.value = String(index + 1);
      }
      // The title strip reads "3. Title": the number follows the row.
      const label = row.querySelector("td.original p")?.firstChild;
      if (label?.nodeType === Node.TEXT_NODE) {
        label.textContent = label.textContent.replace(/^(\s*)\d+\./, `$1${index + 1}.`);
      }
    });
  }

  function say(group, sentence) {
    const status = group.querySelector("[data-move-status]");
    if (status) {
      status.textContent = sentence;
    }
  }
})();
