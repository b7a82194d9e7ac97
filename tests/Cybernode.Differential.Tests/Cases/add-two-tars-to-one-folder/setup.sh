mkdir -p t1 t2 && echo one > t1/one.txt && echo two > t2/two.txt && echo 2 > t2/shared && echo 1 > t1/shared
tar -C t1 -cf one.tar . && tar -C t2 -czf two.tar.gz . && rm -rf t1 t2
