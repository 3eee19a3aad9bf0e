#!/bin/bash
# Wall time from launch to the first screen in a real terminal (a 120x40
# tmux pane), and the reader's peak memory then and once the country index
# is built. The long report is the embedded report's body repeated, its
# paragraphs renumbered, to about 92 MB. Needs tmux and awk. For example:
#   cargo build --release
#   benches/first_screen.sh            # 15 launches each of both reports
#   RUNS=5 benches/first_screen.sh
set -u
cd "$(dirname "$0")/.."
bin=./target/release/report-reader
runs=${RUNS:-15}
big=$(mktemp --suffix=.txt)
trap 'rm -f "$big"; tmux kill-session -t first-screen 2>/dev/null' EXIT
LC_ALL=C awk -v target=92000000 '
  { line[NR] = $0 }
  END {
    for (i = 1; i <= NR; i++) if (line[i] ~ /^1\. /) { first = i; break }
    for (i = 1; i < first; i++) { print line[i]; size += length(line[i]) + 1 }
    while (size < target)
      for (i = first; i <= NR && size < target; i++) {
        l = line[i]
        if (match(l, /^[0-9]+\. /)) l = (++n) ". " substr(l, RLENGTH + 1)
        print l; size += length(l) + 1
      }
  }' src/document/report.txt > "$big"

launch() { # file -> prints "ms hwm_first_kb hwm_indexed_kb"
  local config t0 t1 pid first
  config=$(mktemp -d)
  tmux kill-session -t first-screen 2>/dev/null
  t0=$(date +%s%N)
  tmux new -d -s first-screen -x 120 -y 40 \
    "REPORT_READER_CONFIG_DIR=$config exec $bin --no-restore $1"
  until tmux capture-pane -p -t first-screen 2>/dev/null | grep -q "q quit"; do sleep 0.005; done
  t1=$(date +%s%N)
  pid=$(tmux list-panes -t first-screen -F '#{pane_pid}' 2>/dev/null)
  first=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  sleep 1.5
  echo "$(( (t1 - t0) / 1000000 )) $first $(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
  tmux send-keys -t first-screen q 2>/dev/null
  sleep 0.3
  rm -rf "$config"
}

for file in "" "$big"; do
  times=()
  for _ in $(seq "$runs"); do
    read -r ms first indexed < <(launch "$file")
    times+=("$ms")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  label="embedded report"
  [ -n "$file" ] && label="$(( $(stat -c %s "$file") / 1000000 )) MB report"
  echo "$label: median ${median} ms; all: ${sorted}ms"
  echo "  peak memory: ${first} kB at the first screen, ${indexed} kB once indexed (last run)"
done
