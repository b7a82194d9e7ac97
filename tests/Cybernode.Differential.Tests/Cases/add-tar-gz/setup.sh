bash "$CASE_SETUP/archive-tree.sh" tree
tar -C tree -czf files.tar.gz . && rm -rf tree
