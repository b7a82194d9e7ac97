mkdir -p tree/dir/inner
echo alpha > tree/dir/a.txt
echo beta > tree/dir/inner/b.txt
echo tool > tree/tool
chmod 750 tree/tool
ln -s dir/a.txt tree/link
chown -R 1000:1000 tree/dir
tar -C tree -cf - . | zstd -q -o files.tar.zst && rm -rf tree
