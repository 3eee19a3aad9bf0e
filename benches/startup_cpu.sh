#!/bin/bash
# CPU time to start report-reader in a real terminal (a 120x40 tmux pane),
# show the first screen and quit. Needs tmux and GNU time. For example:
#   cargo build --release
#   benches/startup_cpu.sh               # the embedded report
#   benches/startup_cpu.sh big-report.txt
set -u
file=${1:-}
out=$(mktemp)
config=$(mktemp -d)
tmux kill-session -t startup 2>/dev/null || true
tmux new -d -s startup -x 120 -y 40 \
  "REPORT_READER_CONFIG_DIR=$config /usr/bin/time -f '%U %S' -o $out ./target/release/report-reader --no-restore $file"
until tmux capture-pane -p -t startup 2>/dev/null | grep -q "help  q quit"; do sleep 0.01; done
tmux send-keys -t startup q
until [ -s "$out" ]; do sleep 0.05; done
read -r user sys < "$out"
echo "${file:-embedded report}: ${user}s user + ${sys}s system to the first screen and out"
