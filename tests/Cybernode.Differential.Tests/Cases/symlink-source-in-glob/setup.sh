ln -s a.txt link1
ln -s a.txt link2
