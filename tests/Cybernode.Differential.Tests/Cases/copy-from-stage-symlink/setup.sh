mkdir -p sub && ln -s a.txt sub/link
