# Makes the tree the ADD cases archive, in the folder named by $1: folders and files owned by
# 1000:1000, a file of mode 0750, a relative symbolic link. Run by the cases' setup.sh as
#   bash "$CASE_SETUP/archive-tree.sh" tree
set -euo pipefail
mkdir -p "$1/dir/inner"
echo alpha > "$1/dir/a.txt"
echo beta > "$1/dir/inner/b.txt"
echo tool > "$1/tool"
chmod 750 "$1/tool"
ln -s dir/a.txt "$1/link"
chown -R 1000:1000 "$1/dir"
