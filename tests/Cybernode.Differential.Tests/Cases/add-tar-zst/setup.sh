bash "$CASE_SETUP/archive-tree.sh" tree
tar -C tree -cf - . | zstd -q -o files.tar.zst && rm -rf tree
