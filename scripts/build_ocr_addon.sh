#!/usr/bin/env bash
# Build the optional 文字识别组件 (OCR add-on for scanned PDFs):
#   dist/nianbao-ocr-<version>-<platform>.zip  ->  unpacks to ocr-addon/ beside the app's executables
#
#   scripts/build_ocr_addon.sh              # build, check, zip
#   scripts/build_ocr_addon.sh --no-zip     # leave it staged in build/ocr-addon/ (for tests)
#
# Environment:
#   PYTHON      interpreter of the SAME minor version as the app's bundle (default: python3);
#               the add-on's compiled modules (openvino, numpy, OpenCV) only load there
#   ADDON_VENV  throwaway venv used to install and probe (default: /tmp/nianbao-ocr-venv)
#
# Layout of ocr-addon/:
#   nianbao-ocr.json   version, Python minor version and platform it was built for
#   packages/          requirements-ocr.txt as pip installs it (rapidocr with its models,
#                      openvino, numpy, opencv-python-headless, their dependencies)
#   stdlib/            the standard-library modules the engine uses (the frozen app bundles
#                      only those its own code imports); found after the app's own
#   LICENSES.txt       what is inside and under which licence
# The app (core/document/ocr.py) appends packages/ and stdlib/ to sys.path only when a
# scanned PDF arrives. The add-on is never inside dist/nianbao: the app's size is unchanged.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
ADDON_VENV="${ADDON_VENV:-/tmp/nianbao-ocr-venv}"
MAKE_ZIP=1
for arg in "$@"; do
    case "$arg" in
        --no-zip) MAKE_ZIP=0 ;;
        *) echo "unknown option: $arg" >&2; exit 64 ;;
    esac
done

cd "$ROOT"
start=$(date +%s)
step() { echo "== [$(( $(date +%s) - start ))s] $*"; }

STAGE="$ROOT/build/ocr-addon"
rm -rf "$STAGE"
mkdir -p "$STAGE/packages" "$STAGE/stdlib"

step "venv at $ADDON_VENV ($("$PYTHON" --version))"
"$PYTHON" -m venv --clear "$ADDON_VENV"
VPY="$ADDON_VENV/bin/python"

step "pip install -r requirements-ocr.txt -> $STAGE/packages"
"$VPY" -m pip install --quiet --disable-pip-version-check --no-compile --target "$STAGE/packages" -r requirements-ocr.txt

step "trim: console scripts, caches, test suites, sample data"
P="$STAGE/packages"
# OpenVINO: the engine runs ONNX models on the CPU through the Python binding; its GPU/NPU
# plugins (and the GPU's kernel cache), the other model formats' readers, the C API, the
# headers and the conversion tools are never loaded (the probe below proves it).
OV="$P/openvino"
for drop in intel_gpu_plugin intel_npu_plugin paddle_frontend pytorch_frontend tensorflow_frontend \
            tensorflow_lite_frontend jax_frontend gguf_frontend c; do
    rm -f "$OV"/libs/libopenvino_"$drop".so*
done
rm -rf "$OV/libs/cache.json" "$OV/include"
rm -rf "$P/bin" "$OV/tools" "$OV/frontend/pytorch" "$OV/frontend/tensorflow" "$OV/frontend/jax" "$P/numpy/tests" "$P/numpy/_core/tests" "$P/numpy/f2py" \
       "$P/numpy/distutils" "$P/numpy/_pyinstaller" "$P/cv2/data" "$P/shapely/tests" "$P/pyclipper/tests"
find "$P" -depth \( -name "__pycache__" -o -name "tests" -path "*/numpy/*" \) -exec rm -rf {} +
find "$P" -name "*.pyi" -delete

step "manifest"
VERSION="$("$VPY" -c 'import sys; sys.path.insert(0, "packaging"); import version_info, pathlib; print(version_info.read_version(pathlib.Path(".")))')"
case "$(uname -s)" in
    Linux) PLATFORM="linux-$(uname -m)" ;;
    Darwin) PLATFORM="macos-$(uname -m)" ;;
    *) PLATFORM="$(uname -s)-$(uname -m)" ;;
esac
"$VPY" - "$STAGE" "$VERSION" <<'PY'
import json, sys, importlib.metadata as md
from pathlib import Path
stage, version = Path(sys.argv[1]), sys.argv[2]
dists = sorted(md.distributions(path=[str(stage / "packages")]), key=lambda d: d.metadata["Name"].lower())
manifest = {
    "name": "nianbao-ocr",
    "version": version,
    "python": f"{sys.version_info[0]}.{sys.version_info[1]}",
    "platform": sys.platform,
    "packages": {d.metadata["Name"]: d.version for d in dists},
}
(stage / "nianbao-ocr.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
lines = ["文字识别组件（年报审核台的可选组件）所含软件包及其许可证：", ""]
for d in dists:
    lines.append(f"{d.metadata['Name']} {d.version}: {d.metadata.get('License-Expression') or d.metadata.get('License') or '见其 dist-info'}".splitlines()[0][:160])
lines += ["", "各软件包的完整许可证文本在 packages/<包名>-<版本>.dist-info/ 中。",
          "识别模型（PP-OCRv6，Apache-2.0）随 rapidocr 软件包提供，位于 packages/rapidocr/models/。"]
(stage / "LICENSES.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
PY

step "probe the engine from the staged folder (no network) and copy the stdlib modules it used"
PROBE=(env -u PYTHONPATH "$VPY" -I packaging/ocr_addon_probe.py "$STAGE")
if command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
    PROBE=(unshare -n "${PROBE[@]}")  # a network namespace with no interfaces: any download fails
fi
"${PROBE[@]}" > "$ROOT/build/ocr-addon-stdlib.txt"
while IFS=$'\t' read -r kind path; do
    case "$kind" in
        stdlib)
            [ -e "$STAGE/stdlib/$(basename "$path")" ] || cp -rp "$path" "$STAGE/stdlib/" ;;
        dynload) cp -p "$path" "$STAGE/stdlib/" ;;
    esac
done < <(sort -u "$ROOT/build/ocr-addon-stdlib.txt")
find "$STAGE" -depth -name "__pycache__" -exec rm -rf {} +
# Byte-code compiled once here: the frozen app never writes inside its folder, so without it
# every first scan of a session would compile ~1,000 modules (4.3 -> 3.7 s for a one-page scan).
# Unchecked hashes: unzipping changes the sources' timestamps (zip keeps 2-second times).
"$VPY" -m compileall -q -j0 --invalidation-mode unchecked-hash "$STAGE/packages" "$STAGE/stdlib" >/dev/null
step "ocr-addon: $(du -sm "$STAGE" | cut -f1) MB installed ($(du -sm "$STAGE/packages" | cut -f1) MB packages, $(du -sm "$STAGE/stdlib" | cut -f1) MB stdlib)"

if [ "$MAKE_ZIP" = 1 ]; then
    ZIP="dist/nianbao-ocr-$VERSION-$PLATFORM.zip"
    rm -f "$ZIP"
    "$VPY" packaging/make_zip.py "$STAGE" "$ZIP" >/dev/null
    step "done: $ZIP ($(du -m "$ZIP" | cut -f1) MB); unpack beside nianbao(.exe): it creates ocr-addon/"
fi
