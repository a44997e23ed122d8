#!/usr/bin/env bash
# CI: build the Linux bundle (dist/kiosk/) with PyInstaller and run its self-test offscreen.
# Prints the bundle's size and the time taken. About 2-3 minutes on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
    .venv/bin/python -m pip install --quiet "pyinstaller>=6"  # the `packaging` extra of pyproject.toml
fi
.venv/bin/python packaging/build.py
built=$(date +%s)
# The bundle must not lean on the checkout: run it from elsewhere, with a throw-away HOME.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && HOME="$scratch" QT_QPA_PLATFORM=offscreen "$OLDPWD/dist/kiosk/kiosk" --self-test)
finished=$(date +%s)
echo "bundle size: $(du -sh --apparent-size dist/kiosk | cut -f1) unpacked ($(du -sb dist/kiosk | cut -f1) bytes)"
echo "bundle step: $((finished - started)) s (build $((built - started)) s, self-test $((finished - built)) s)"
