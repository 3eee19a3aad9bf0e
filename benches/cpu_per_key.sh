#!/bin/bash
# CPU time per key press of a pager in a real terminal (a 120x40 tmux pane):
# 2,000 presses of j and k, CPU read from /proc before and after.
# Needs tmux and bc. For example, from the project's top folder:
#   cargo build --release
#   benches/cpu_per_key.sh less less -S src/document/report.txt
#   REPORT_READER_CONFIG_DIR=$(mktemp -d) benches/cpu_per_key.sh report-reader ./target/release/report-reader
set -eu
name=$1; shift
tmux kill-session -t cpu 2>/dev/null || true
tmux new -d -s cpu -x 120 -y 40 "$*"
sleep 1.5
pid=$(tmux list-panes -t cpu -F '#{pane_pid}')
# the program is the pane's process itself (exec'd by the shell) or its child
child=$(pgrep -P "$pid" | head -1 || true); if [ -n "$child" ]; then pid=$child; fi
ticks() { awk '{print $14+$15}' /proc/$1/stat; }
hz=$(getconf CLK_TCK)
before=$(ticks $pid)
n=0
for round in $(seq 1 20); do
  for k in $(seq 1 50); do tmux send-keys -t cpu j; n=$((n+1)); done
  for k in $(seq 1 50); do tmux send-keys -t cpu k; n=$((n+1)); done
done
sleep 1
after=$(ticks $pid)
echo "$name: $n keys, $(( (after-before) * 1000 / hz )) ms CPU, $(echo "scale=3; ($after-$before)*1000/$hz/$n" | bc) ms per key"
tmux kill-session -t cpu
