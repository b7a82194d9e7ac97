ln -s a.txt link.txt
