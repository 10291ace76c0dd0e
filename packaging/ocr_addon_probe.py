"""Check a staged OCR add-on and list the standard-library modules the engine used.

    python -I packaging/ocr_addon_probe.py STAGED_ADDON_FOLDER > stdlib-modules.txt

Run by scripts/build_ocr_addon.sh with the build venv's interpreter: loads the engine the
way the app does (core.document.ocr with NIANBAO_OCR_ADDON pointing at the folder),
recognises a small drawn image, and prints every standard-library module then loaded
(top-level name and file), so the script can copy them into the add-on's ``stdlib/``: the
frozen app carries only the modules its own code uses.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    folder = Path(sys.argv[1]).resolve()
    os.environ["NIANBAO_OCR_ADDON"] = str(folder)
    sys.path.insert(0, str(ROOT))
    from core.document import ocr

    engine = ocr.engine()
    import cv2
    import numpy as np

    image = np.full((120, 480), 255, np.uint8)
    cv2.putText(image, "2019 120 37", (10, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3)
    boxes = engine.recognise(image)
    text = " ".join(b.text for b in boxes)
    if "120" not in text:
        print(f"probe: the engine read {text!r}, expected the number 120", file=sys.stderr)
        return 1
    print(f"probe: rapidocr {engine.version} read {text!r}", file=sys.stderr)
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    dynload = stdlib / "lib-dynload"
    for _name, module in sorted(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if not path:
            continue
        path = Path(path).resolve()
        if "site-packages" in path.parts or folder in path.parents or ROOT in path.parents:
            continue
        if path.is_relative_to(dynload):
            print(f"dynload\t{path}")
        elif path.is_relative_to(stdlib):
            top = path.relative_to(stdlib).parts[0]
            print(f"stdlib\t{stdlib / top}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
