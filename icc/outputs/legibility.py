"""Whether an exported chart reads: every label inside the canvas and no two labels on top of each other,
measured in Chromium on the SVG itself (the boxes the browser lays out, not guesses from font sizes)."""

from __future__ import annotations

from dataclasses import dataclass

# Chromium's boxes of rotated or anti-aliased glyphs overlap their neighbours by a pixel or two.
TOLERANCE_PX = 2.0

MEASURE = """() => {
  const root = document.querySelector('svg');
  const canvas = root.getBoundingClientRect();
  const boxes = [];
  for (const node of root.querySelectorAll('text')) {
    const text = (node.textContent || '').trim();
    const style = window.getComputedStyle(node);
    if (!text || style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    if (node.closest('[style*="display: none"], [display="none"], .hidden')) continue;
    const box = node.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    // A chart nested in a framed image clips what leaves its own box: measure against that box.
    const own = node.closest('svg svg');
    const frame = own ? own.getBoundingClientRect() : canvas;
    boxes.push({text, left: box.left, top: box.top, right: box.right, bottom: box.bottom,
                frame: {left: frame.left, top: frame.top, right: frame.right, bottom: frame.bottom}});
  }
  return {canvas: {left: canvas.left, top: canvas.top, right: canvas.right, bottom: canvas.bottom}, boxes};
}"""


@dataclass(frozen=True)
class Box:
    text: str
    left: float
    top: float
    right: float
    bottom: float
    frame: dict | None = None  # the box that clips this label (the chart's own SVG), else the canvas

    def overlap(self, other: Box) -> float:
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return min(width, height) if width > 0 and height > 0 else 0.0


def problems(canvas: dict, boxes: list[Box]) -> list[str]:
    """Sentences for each label outside the canvas and each pair of labels on top of each other."""
    found = []
    for box in boxes:
        frame = box.frame or canvas
        outside = max(frame["left"] - box.left, frame["top"] - box.top, box.right - frame["right"],
                      box.bottom - frame["bottom"])
        if outside > TOLERANCE_PX:
            found.append(f"'{box.text}' lies {outside:.0f} px outside the canvas")
    for index, box in enumerate(boxes):
        for other in boxes[index + 1:]:
            if box.overlap(other) > TOLERANCE_PX:
                found.append(f"'{box.text}' overlaps '{other.text}'")
    return found


def svg_problems(svg: bytes, browser) -> list[str]:
    """Lay out `svg` in a page of `browser` (a Playwright Chromium) and list what does not read."""
    page = browser.new_page()
    try:
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("data:", "about:"))
                   else route.abort())
        page.set_content(f"<html><body style='margin:0'>{svg.decode('utf-8')}</body></html>")
        measured = page.evaluate(MEASURE)
    finally:
        page.close()
    return problems(measured["canvas"], [Box(**box) for box in measured["boxes"]])
