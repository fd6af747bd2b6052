#!/bin/sh
# Nightly backup (docs/deploy.md): every table with `luoshi backup`, then the evidence files.
# The table dump is taken first: evidence files are stored by content hash and never changed, so
# the archive made after it holds every file the dump refers to. Keeps KEEP_DAYS days of both.
set -eu
: "${LUOSHI_DATA_DIR:?set LUOSHI_DATA_DIR (see /etc/luoshi/luoshi.env)}"
LUOSHI=${LUOSHI:-/opt/luoshi/venv/bin/luoshi}
KEEP_DAYS=${KEEP_DAYS:-30}
dest="$LUOSHI_DATA_DIR/backups"
day=$(date +%F)
mkdir -p "$dest"
"$LUOSHI" backup "$dest/luoshi-$day.jsonl" >/dev/null
if [ -d "$LUOSHI_DATA_DIR/evidence" ]; then
    tar -C "$LUOSHI_DATA_DIR" -czf "$dest/evidence-$day.tar.gz.partial" evidence
    mv "$dest/evidence-$day.tar.gz.partial" "$dest/evidence-$day.tar.gz"
fi
find "$dest" -maxdepth 1 -type f \( -name 'luoshi-*.jsonl' -o -name 'evidence-*.tar.gz' \) \
    -mtime +"$KEEP_DAYS" -delete
echo "备份完成：$dest/luoshi-$day.jsonl"
