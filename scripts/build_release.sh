#!/usr/bin/env bash
# Build the release folder dist/nianbao/ from a clean virtual environment, zip it as
# dist/nianbao-<version>-<platform>.zip, and smoke-test the executables unpacked from the zip.
#
#   scripts/build_release.sh              # full run: fresh venv, build, smoke test, zip
#   scripts/build_release.sh --no-test    # skip the smoke test (not for a release)
#
# Environment:
#   PYTHON        interpreter for the build venv (default: python3; same minor version as the target)
#   BUILD_VENV    where the throwaway venv goes (default: /tmp/nianbao-build-venv; recreated each run)
#   TEST_PYTHON   interpreter with requirements-dev.txt installed, runs the smoke test (default: python3)
#
# System packages (Debian/Ubuntu/Kylin/UOS): python3-venv and the Qt libraries of README.md's
# Linux line (libgl1 ... libxkbcommon-x11-0, fonts-wqy-microhei); the smoke test also needs
# ldd (libc-bin). Without the xcb libraries the build succeeds but the windowed smoke test cannot start.
#
# The build venv holds only requirements.txt + PyInstaller: anything else installed there
# would leak into the bundle. The smoke test runs from the dev environment because it also
# runs the same commands from source (pytest, reportlab for the generated PDF...).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
BUILD_VENV="${BUILD_VENV:-/tmp/nianbao-build-venv}"
TEST_PYTHON="${TEST_PYTHON:-python3}"
PYINSTALLER_PIN="pyinstaller==6.22.3"
RUN_TESTS=1
for arg in "$@"; do
    case "$arg" in
        --no-test) RUN_TESTS=0 ;;
        *) echo "unknown option: $arg" >&2; exit 64 ;;
    esac
done

cd "$ROOT"
start=$(date +%s)
step() { echo "== [$(( $(date +%s) - start ))s] $*"; }

step "clean venv at $BUILD_VENV ($("$PYTHON" --version))"
"$PYTHON" -m venv --clear "$BUILD_VENV"
VPY="$BUILD_VENV/bin/python"
"$VPY" -m pip install --quiet --disable-pip-version-check -r requirements.txt "$PYINSTALLER_PIN"

step "pyinstaller build.spec"
rm -rf dist/nianbao build/build
"$VPY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build build.spec

VERSION="$("$VPY" -c 'import sys; sys.path.insert(0, "packaging"); import version_info, pathlib; print(version_info.read_version(pathlib.Path(".")))')"
case "$(uname -s)" in
    Linux) PLATFORM="linux-$(uname -m)" ;;
    Darwin) PLATFORM="macos-$(uname -m)" ;;
    *) PLATFORM="$(uname -s)-$(uname -m)" ;;
esac
step "built dist/nianbao ($(du -sm dist/nianbao | cut -f1) MB), version $VERSION"

ZIP="dist/nianbao-$VERSION-$PLATFORM.zip"
step "zip $ZIP"
"$VPY" packaging/make_zip.py dist/nianbao "$ZIP"

if [ "$RUN_TESTS" = 1 ]; then
    TESTED="$ROOT/dist/nianbao"
    if command -v unzip >/dev/null; then
        # Test what users get: the archive unpacked (exec bits, Qt symlinks), not the build folder.
        UNPACKED="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-release.XXXXXX")"
        trap 'rm -rf "$UNPACKED"' EXIT
        unzip -q "$ZIP" -d "$UNPACKED"
        TESTED="$UNPACKED/nianbao"
    else
        echo "unzip not found: smoke-testing dist/nianbao instead of the unpacked archive" >&2
    fi
    step "frozen smoke test on $TESTED"
    NIANBAO_FROZEN_DIST="$TESTED" "$TEST_PYTHON" -m pytest -q -p no:cacheprovider -m frozen tests/frozen
fi
step "done: $ZIP ($(du -m "$ZIP" | cut -f1) MB)"
