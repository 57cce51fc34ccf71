#!/usr/bin/env bash
#! Prints the raw and gzip size of every file in a built site folder, and the totals of the
#! hosted site (the one-file build nianbao.html is listed apart: it is an alternative, not a part).
set -euo pipefail
dir="${1:-dist}"
total_raw=0
total_gz=0
printf '%-48s %10s %10s\n' file raw gzip
while IFS= read -r -d '' f; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  if [ "${f#"$dir"/}" != nianbao.html ]; then
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + gz))
  fi
  printf '%-48s %10d %10d\n' "${f#"$dir"/}" "$raw" "$gz"
done < <(find "$dir" -type f -print0 | sort -z)
printf '%-48s %10d %10d\n' 'TOTAL (hosted site, without nianbao.html)' "$total_raw" "$total_gz"
