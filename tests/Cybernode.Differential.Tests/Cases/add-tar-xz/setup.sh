bash "$CASE_SETUP/archive-tree.sh" tree
tar -C tree -cJf files.tar.xz . && rm -rf tree
