mkdir -p tree && echo alpha > tree/a.txt && ln tree/a.txt tree/hard.txt
tar -C tree -cf files.tar a.txt hard.txt && rm -rf tree
