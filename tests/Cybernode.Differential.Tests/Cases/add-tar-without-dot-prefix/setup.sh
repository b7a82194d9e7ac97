bash "$CASE_SETUP/archive-tree.sh" tree
tar -C tree -cf files.tar dir tool link && rm -rf tree
