#!/usr/bin/env bash
# `make test` on N fresh clones, as a new user meets the project: clone into a temporary folder,
# run `make test` (it makes its own .venv), print pass/fail and seconds per run.
# Usage: benchmarks/fresh_clones.sh [N] [REPOSITORY]   (N=20, REPOSITORY=this checkout's committed HEAD)
# JOBS=2 runs two clones at once (the machine then carries two suites: a test that fails only
# under load shows). COMMAND replaces `make test` (e.g. COMMAND='CI=true bash .ci/run').
# PYTEST_ARGS in the environment reaches pytest (e.g. PYTEST_ARGS=--durations=30). Each run's log is
# kept (its path is printed; the clone itself is removed after a pass); the exit status is 0 only when
# every run passed.
set -uo pipefail

runs=${1:-20}
repo=${2:-$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)}
jobs=${JOBS:-1}
command=${COMMAND:-make test}
results=$(mktemp -d -t luoshi-clones.XXXXXX)

one() {
  local i=$1 dir log start
  dir=$(mktemp -d -t luoshi-clone.XXXXXX)
  log="$dir/make-test.log"
  start=$SECONDS
  # ../shared beside the clone, as CI lays it out, where this checkout has one
  [ -d "$repo/../shared" ] && ln -s "$(cd "$repo/.." && pwd)/shared" "$dir/shared"
  if git clone --quiet "$repo" "$dir/luoshi" >"$log" 2>&1 && (cd "$dir/luoshi" && eval "$command") >>"$log" 2>&1; then
    echo "run $i/$runs: pass  $((SECONDS - start)) s  load $(cut -d' ' -f1 /proc/loadavg)  $(grep -E '^=*.*[0-9]+ passed.* in ' "$log" | tail -n 1)  (log: $log)"
    touch "$results/pass-$i"
    rm -rf "$dir/luoshi"
  else
    echo "run $i/$runs: FAIL  $((SECONDS - start)) s  (log: $log)"
    grep -E '^(FAILED|ERROR) ' "$log" | head -n 10 | sed 's/^/    /'
  fi
}

for i in $(seq 1 "$runs"); do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  one "$i" &
done
wait
passed=$(find "$results" -name 'pass-*' | wc -l)
rm -rf "$results"
echo "$passed/$runs fresh clones passed: $command"
[ "$passed" -eq "$runs" ]
