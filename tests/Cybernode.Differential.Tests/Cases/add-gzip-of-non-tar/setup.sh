echo "just text" | gzip -n > notes.gz
