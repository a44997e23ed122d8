#!/usr/bin/env bash
# Sets up a Debian/Ubuntu machine for kiosk: system libraries via apt (only those missing),
# then the Python environment in .venv. Safe to run again: it skips what is already done.
# Usage: scripts/bootstrap.sh [--test]   (--test adds the test suite's packages)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNTIME_PKGS=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libpulse0 libzbar0
              fonts-noto-cjk libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
              libxcb-render-util0 libxcb-shape0 libxcb-xkb1)
TEST_PKGS=(postgresql poppler-utils xvfb xauth xdotool openbox x11-utils strace)
PYTHON=${PYTHON:-python3}

pkgs=("${RUNTIME_PKGS[@]}")
extra="."
if [[ "${1:-}" == "--test" ]]; then
    pkgs+=("${TEST_PKGS[@]}")
    extra=".[test]"
fi

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    missing=()
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        echo "==> 시스템 패키지 설치 (installing system packages): ${missing[*]}"
        sudo=""
        [[ $(id -u) -ne 0 ]] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
else
    echo "==> apt가 없는 시스템입니다: README의 Windows/macOS 안내를 따르세요 (no apt: see README)" >&2
fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "kiosk에는 Python 3.11 이상이 필요합니다 (found: $("$PYTHON" --version 2>&1))" >&2
    exit 1
fi
if [[ ! -x .venv/bin/python ]]; then
    if ! "$PYTHON" -m venv .venv 2>/dev/null; then
        echo "==> python3-venv 설치"
        sudo=""
        [[ $(id -u) -ne 0 ]] && sudo="sudo"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv
        "$PYTHON" -m venv .venv
    fi
fi

# Reinstall only when the dependency list changed.
stamp=".venv/.kiosk-installed-$(sha1sum pyproject.toml | cut -c1-12)${extra//[^a-z]/}"
if [[ ! -f "$stamp" ]]; then
    echo "==> Python 패키지 설치 (.venv)"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e "$extra"
    rm -f .venv/.kiosk-installed-*
    touch "$stamp"
fi
