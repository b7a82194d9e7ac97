mkdir -p tree/real && ln -s real tree/link
tar -C tree -cf files.tar real link && rm -rf tree
mkdir -p tree2/link && echo sneaky > tree2/link/file.txt
tar -C tree2 -rf files.tar link/file.txt && rm -rf tree2
