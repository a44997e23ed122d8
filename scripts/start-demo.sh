#!/usr/bin/env bash
# Quick start 1: set everything up and open the check-in window on the demo event
# (혁신도시 시즌2 콘퍼런스). The demo lives in its own database, apart from real events.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
data="${XDG_DATA_HOME:-$HOME/.local/share}/kiosk"
mkdir -p "$data"
db="${KIOSK_DB:-$data/demo.db}"
.venv/bin/kiosk --db "$db" demo
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    mkdir -p out
    echo "화면(DISPLAY)이 없어 창 대신 스크린샷을 저장합니다: out/demo.png (no display: saving a screenshot)"
    exec .venv/bin/kiosk --db "$db" gui --screenshot out/demo.png
fi
exec .venv/bin/kiosk --db "$db" gui "$@"
