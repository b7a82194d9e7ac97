mkdir -p tree && echo a > tree/a.txt && tar -C tree -cf sub/inner.tar a.txt && rm -rf tree
