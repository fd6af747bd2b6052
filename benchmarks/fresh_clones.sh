#!/usr/bin/env bash
# `make test` on N fresh clones, as a new user meets the project: clone into a temporary folder,
# run `make test` (it makes its own .venv), print pass/fail and seconds per run.
# Usage: benchmarks/fresh_clones.sh [N] [REPOSITORY]   (N=20, REPOSITORY=this checkout's committed HEAD)
# PYTEST_ARGS in the environment reaches pytest (e.g. PYTEST_ARGS=--durations=30). Each run's log is
# kept (its path is printed; the clone itself is removed after a pass); the exit status is 0 only when
# every run passed.
set -uo pipefail

runs=${1:-20}
repo=${2:-$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)}
passed=0
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d -t luoshi-clone.XXXXXX)
  log="$dir/make-test.log"
  start=$SECONDS
  if git clone --quiet "$repo" "$dir/luoshi" >"$log" 2>&1 && make -C "$dir/luoshi" test >>"$log" 2>&1; then
    echo "run $i/$runs: pass  $((SECONDS - start)) s  $(grep -E '^=+ .*(passed|failed).* in ' "$log" | tail -n 1)  (log: $log)"
    passed=$((passed + 1))
    rm -rf "$dir/luoshi"
  else
    echo "run $i/$runs: FAIL  $((SECONDS - start)) s  (log: $log)"
    grep -E '^(FAILED|ERROR) ' "$log" | head -n 10 | sed 's/^/    /'
  fi
done
echo "$passed/$runs fresh clones passed make test"
[ "$passed" -eq "$runs" ]
