"""Draws the app icon: resources/app.png (256 px) and resources/app.ico (16-256 px).

A report page with a check mark on a red tile, drawn from shapes only (no font), so the
icon is the same on every machine. The outputs are committed; rerun only to change the
design: ``python packaging/make_icon.py`` (needs Pillow, a dev-only tool, not a runtime
dependency).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
SCALE = 4  # draw large and downsample: smooth edges without antialiasing primitives


def draw(size: int = 256) -> Image.Image:
    s = size * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * s), round(y0 * s), round(x1 * s), round(y1 * s))

    # Tile: the red of official documents.
    d.rounded_rectangle(box(0.03, 0.03, 0.97, 0.97), radius=round(0.18 * s), fill=(178, 34, 34, 255))
    # The page, with a folded corner.
    page = [(0.24, 0.14), (0.64, 0.14), (0.78, 0.28), (0.78, 0.86), (0.24, 0.86)]
    d.polygon([(round(x * s), round(y * s)) for x, y in page], fill=(255, 255, 255, 255))
    d.polygon([(round(x * s), round(y * s)) for x, y in [(0.64, 0.14), (0.64, 0.28), (0.78, 0.28)]],
              fill=(230, 200, 200, 255))
    # Table rows of the report.
    for i in range(4):
        y = 0.34 + i * 0.1
        d.rectangle(box(0.32, y, 0.70 - (0.12 if i == 3 else 0), y + 0.04), fill=(190, 190, 190, 255))
    # The check mark: audited.
    tick = [(0.42, 0.70), (0.54, 0.82), (0.86, 0.48)]
    d.line([(round(x * s), round(y * s)) for x, y in tick], fill=(34, 139, 34, 255), width=round(0.09 * s),
           joint="curve")
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    big = draw(256)
    out = ROOT / "resources"
    out.mkdir(exist_ok=True)
    big.save(out / "app.png")
    big.save(out / "app.ico", sizes=ICO_SIZES)
    print(out / "app.png", out / "app.ico")


if __name__ == "__main__":
    main()
