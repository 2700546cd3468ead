// Drag and drop for the routine editor's step list.
//
// The move up/down buttons already reorder without JavaScript and from the
// keyboard; this adds dragging a step by its handle, with mouse, touch or pen
// (pointer events, so phones work too). On release it posts the whole new
// order through the list's hidden order form, which htmx sends and swaps
// like any other change; the server's status line announces the result.
// Wired by data attributes: [data-reorder] list, [data-reorder-item] items
// with data-id, a [data-drag-handle] in each, and a [data-reorder-form].

const ITEM = "[data-reorder-item]";

// The handles only show once dragging works (see site.css).
document.documentElement.dataset.reorder = "on";
document.addEventListener("pointerdown", onPointerDown);

function onPointerDown(event) {
  const handle = event.target.closest?.("[data-drag-handle]");
  const item = handle?.closest(ITEM);
  const list = item?.closest("[data-reorder]");
  if (!list || event.button !== 0) {
    return;
  }
  event.preventDefault();
  drag(event, item, list);
}

function drag(start, item, list) {
  const before = order(list);
  item.classList.add("dragging");

  // Listened for on the document, not captured by the handle: moving the
  // item in the DOM would release a pointer capture mid-drag.
  function onMove(event) {
    if (event.pointerId !== start.pointerId) {
      return;
    }
    // The item goes before the first other item whose middle is below the pointer.
    const others = [...list.querySelectorAll(ITEM)].filter((other) => other !== item);
    const next =
      others.find((other) => {
        const box = other.getBoundingClientRect();
        return event.clientY < box.top + box.height / 2;
      }) ?? null;
    if (item.nextElementSibling !== next) {
      list.insertBefore(item, next);
      renumber(list);
    }
    // Near the edge of the screen, scroll so a long list can be crossed.
    const edge = 48;
    if (event.clientY < edge) {
      window.scrollBy(0, -16);
    } else if (event.clientY > window.innerHeight - edge) {
      window.scrollBy(0, 16);
    }
  }

  function onKey(event) {
    if (event.key === "Escape") {
      finish(true);
    }
  }

  function finish(cancelled) {
    document.removeEventListener("pointermove", onMove);
    document.removeEventListener("pointerup", onUp);
    document.removeEventListener("pointercancel", onCancel);
    document.removeEventListener("keydown", onKey);
    item.classList.remove("dragging");
    if (cancelled) {
      restore(list, before);
      return;
    }
    const after = order(list);
    if (after.join() !== before.join()) {
      submit(list, after, item);
    }
  }

  function onUp(event) {
    if (event.pointerId === start.pointerId) {
      finish(false);
    }
  }

  function onCancel(event) {
    if (event.pointerId === start.pointerId) {
      finish(true);
    }
  }

  document.addEventListener("pointermove", onMove);
  document.addEventListener("pointerup", onUp);
  document.addEventListener("pointercancel", onCancel);
  document.addEventListener("keydown", onKey);
}

function order(list) {
  return [...list.querySelectorAll(ITEM)].map((item) => item.dataset.id);
}

function restore(list, ids) {
  const items = new Map([...list.querySelectorAll(ITEM)].map((item) => [item.dataset.id, item]));
  for (const id of ids) {
    list.append(items.get(id));
  }
  renumber(list);
}

function renumber(list) {
  list.querySelectorAll(ITEM).forEach((item, index) => {
    const number = item.querySelector(".step-number");
    if (number) {
      number.textContent = `${index + 1}.`;
    }
  });
}

function submit(list, ids, moved) {
  const form = list.parentElement.querySelector("[data-reorder-form]");
  if (!form) {
    return;
  }
  form.elements.order.value = ids.join(",");
  form.elements.moved.value = moved.dataset.id;
  form.requestSubmit();
}
