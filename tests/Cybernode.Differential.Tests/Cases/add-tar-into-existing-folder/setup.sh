mkdir empty
bash "$CASE_SETUP/archive-tree.sh" tree
tar -C tree -cf files.tar . && rm -rf tree
