#!/bin/bash
# Wake-ups per second of an idle `continuo serve` on a dummy JACK server: voluntary context switches of the threads
# whose name starts with PREFIX, over 10 s. Run it for two builds side by side to compare them.
#   tests/bench/idle-wakeups.sh BUILD_DIR PREFIX     (BUILD_DIR holds continuo.jar and lib/, e.g. bridge/target)
set -euo pipefail
build=$1
prefix=$2
server=wakeups-$$
export JACK_DEFAULT_SERVER=$server JACK_NO_START_SERVER=1 OMP_NUM_THREADS=1
jackd -n "$server" -d dummy -r 48000 -p 1024 >/dev/null 2>&1 &
jack=$!
work=$(mktemp -d)
trap 'kill "$serve" "$jack" 2>/dev/null; rm -rf "$work"' EXIT
sleep 2
java -Xmx1g -cp "$build/continuo.jar:$build/lib/*" dev.continuo.bridge.cli.Continuo serve \
  --socket "$work/ctl.sock" --no-status --no-log-file >"$work/out" 2>"$work/err" &
serve=$!
for _ in $(seq 120); do grep -q Ready "$work/err" && break; sleep 1; done
sleep 3
switches() {
  local total=0
  for task in /proc/"$serve"/task/*; do
    if [[ $(cat "$task/comm") == "$prefix"* ]]; then
      total=$((total + $(awk '/^voluntary_ctxt_switches/ {print $2}' "$task/status")))
    fi
  done
  echo "$total"
}
before=$(switches)
sleep 10
echo "$prefix*: $((($(switches) - before) / 10)) wake-ups per second, idle"
