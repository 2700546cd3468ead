"""Checks the browser tests run on any page: touch target sizes, labels that fit, visible focus."""

# Every control a finger might need, at least 44 × 44 CSS pixels. Links inside a
# sentence are exempt (WCAG 2.5.5's inline exception); hidden and off-screen
# elements (the skip link until focused) are not targets.
SMALL_TARGETS_JS = """
() => {
  const isInline = (el) => el.tagName === "A" && [...el.parentElement.childNodes].some(
    (node) => node !== el && node.nodeType === Node.TEXT_NODE && node.textContent.trim());
  const targetOf = (el) =>
    (el.matches("input[type=radio], input[type=checkbox]") && el.closest("label")) || el;
  const small = [];
  for (const el of document.querySelectorAll(
      "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]")) {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.closest("[hidden]")) continue;
    const rect = targetOf(el).getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || rect.right < 0 || rect.bottom < 0) continue;
    if (isInline(el)) continue;
    if (rect.width < 44 || rect.height < 44) {
      const size = `${Math.round(rect.width)}x${Math.round(rect.height)}`;
      small.push(`${el.outerHTML.slice(0, 90)} is ${size}`);
    }
  }
  return small;
}
"""

# A control whose label is wider than the control itself (a long word in a
# narrow rating chip) spills over its border; a page wider than the viewport
# scrolls sideways on a phone.
SPILLED_TEXT_JS = """
() => {
  const spilled = [];
  for (const el of document.querySelectorAll(
      "a.button, button, .rating-option > span, select, summary")) {
    if (el.closest("[hidden]") || el.getClientRects().length === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      const html = el.outerHTML.slice(0, 90);
      spilled.push(`${html} needs ${el.scrollWidth}px, has ${el.clientWidth}px`);
    }
  }
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) {
    spilled.push(`the page is ${page.scrollWidth}px wide in a ${page.clientWidth}px viewport`);
  }
  return spilled;
}
"""

FOCUS_RING_JS = """
() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return {name: (el.innerText || el.getAttribute("aria-label") || el.value || el.tagName).trim(),
          ring: ring || style.boxShadow !== "none"};
}
"""


def small_targets(page) -> list[str]:
    return page.evaluate(SMALL_TARGETS_JS)


def spilled_text(page) -> list[str]:
    return page.evaluate(SPILLED_TEXT_JS)


def focused(page) -> dict:
    return page.evaluate(FOCUS_RING_JS)
