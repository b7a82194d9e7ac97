ln -s a.txt sub/rel-link
ln -s /etc/passwd sub/abs-link
ln -s missing sub/dangling
mkdir sub/dir && ln -s dir sub/dir-link
