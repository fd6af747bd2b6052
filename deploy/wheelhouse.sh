#!/bin/sh
# Build the offline install kit (`make wheelhouse`): luoshi's wheel and every dependency's wheel,
# a SHA256SUMS file and install.sh, in wheelhouse/ and wheelhouse.tar.gz. Run from the repository.
# PY_VERSIONS="3.11 3.12" also fetches the binary wheels those Pythons need on Linux x86_64.
set -eu
PYTHON=${PYTHON:-python3}
OUT=${1:-wheelhouse}
PY_VERSIONS=${PY_VERSIONS:-}
rm -rf "$OUT" "$OUT.tar.gz"
mkdir -p "$OUT"
# leftovers of earlier builds: setuptools would ship again every file they hold or list (old .pyc too)
rm -rf build src/luoshi.egg-info
"$PYTHON" -m pip wheel --quiet --wheel-dir "$OUT" .
for version in $PY_VERSIONS; do
    "$PYTHON" -m pip download --quiet --dest "$OUT" --find-links "$OUT" --only-binary=:all: \
        --implementation cp --python-version "$version" --platform manylinux2014_x86_64 \
        --platform manylinux_2_17_x86_64 --platform manylinux_2_28_x86_64 luoshi
done
cp deploy/install.sh "$OUT/install.sh"
(cd "$OUT" && sha256sum -- *.whl install.sh > SHA256SUMS)
tar -C "$(dirname "$OUT")" -czf "$OUT.tar.gz" "$(basename "$OUT")"
echo "$OUT.tar.gz: $(ls "$OUT"/*.whl | wc -l) wheels"
