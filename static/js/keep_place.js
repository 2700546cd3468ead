// Keeps the page where the person is when htmx swaps a region around the
// control they just used (the routine editor's steps, after a move).
//
// Chromium anchors scrolling to the focused field or button: htmx inserts
// the new region before removing the old one, the focused control moves down
// by the whole region's height for that moment, and the browser follows it,
// thousands of pixels down the page. htmx then focuses the new control of the
// same id (without scrolling). So: note where the focused control was on the
// screen before the swap, and after it scroll so that its successor is there
// again. Nothing is painted in between; without JavaScript there is no swap.
// Wired by data-keep-place on an element around the swapped regions.

const AREA = "[data-keep-place]";
let before = null;

document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  before = null;
  if (!target?.closest?.(AREA)) {
    return;
  }
  const focused = document.activeElement;
  before = {
    scrollY: window.scrollY,
    id: target.contains(focused) && focused.id ? focused.id : null,
    top: focused?.getBoundingClientRect().top ?? 0,
  };
});

document.addEventListener("htmx:afterSwap", () => {
  if (!before) {
    return;
  }
  const { id, top, scrollY } = before;
  before = null;
  const successor = id && document.getElementById(id);
  if (successor) {
    window.scrollBy(0, successor.getBoundingClientRect().top - top);
  } else {
    window.scrollTo(0, scrollY);
  }
});
