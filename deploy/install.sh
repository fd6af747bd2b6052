#!/bin/sh
# Install luoshi from this wheelhouse with no network: ./install.sh [/opt/luoshi/venv]
# Checks every file against SHA256SUMS first; pip sees only this folder (no index, no pip.conf).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=${1:-/opt/luoshi/venv}
PYTHON=${PYTHON:-python3}
(cd "$here" && sha256sum --check --quiet SHA256SUMS) || { echo "校验失败：安装包不完整或被改动" >&2; exit 1; }
"$PYTHON" -m venv "$target"
PIP_CONFIG_FILE=/dev/null "$target/bin/pip" install --quiet --no-index --find-links "$here" luoshi
"$target/bin/luoshi" --version
