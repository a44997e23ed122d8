#!/usr/bin/env bash
# Quick start 2: set everything up and run the whole test suite offscreen (lint included).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/lint-imports  # layering contracts: pyproject.toml [tool.importlinter]
exec .venv/bin/python -m pytest "$@"
