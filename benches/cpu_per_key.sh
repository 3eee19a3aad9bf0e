#!/bin/bash
# CPU time per key press of a pager in a real terminal (a 120x40 tmux pane):
# 2,000 presses of j and k, CPU time of all the program's threads read from
# /proc (schedstat, in nanoseconds) before and after.
# Needs tmux. PREKEYS: keys sent (and not counted) before measuring, e.g. t.
# For example, from the project's top folder:
#   cargo build --release
#   benches/cpu_per_key.sh less less src/document/report.txt
#   REPORT_READER_CONFIG_DIR=$(mktemp -d) benches/cpu_per_key.sh report-reader ./target/release/report-reader
set -eu
name=$1; shift
session=cpu$$
tmux kill-session -t "$session" 2>/dev/null || true
tmux new -d -s "$session" -x 120 -y 40 "$*"
sleep 1.5
if [ -n "${PREKEYS:-}" ]; then tmux send-keys -t "$session" $PREKEYS; sleep 0.3; fi
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
# the program is the pane's process itself (exec'd by the shell) or its child
child=$(pgrep -P "$pid" | head -1 || true); if [ -n "$child" ]; then pid=$child; fi
cpu_ns() { cat /proc/"$1"/task/*/schedstat | awk '{s += $1} END {print s}'; }
before=$(cpu_ns "$pid")
n=0
for round in $(seq 1 20); do
  for k in $(seq 1 50); do tmux send-keys -t "$session" j; n=$((n+1)); done
  for k in $(seq 1 50); do tmux send-keys -t "$session" k; n=$((n+1)); done
done
sleep 1
after=$(cpu_ns "$pid")
awk -v n="$n" -v d="$((after - before))" -v name="$name" \
  'BEGIN {printf "%s: %d keys, %.1f ms CPU, %.1f µs per key\n", name, n, d / 1e6, d / 1e3 / n}'
tmux kill-session -t "$session"
