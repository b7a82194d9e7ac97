ln sub/a.txt sub/b.txt
