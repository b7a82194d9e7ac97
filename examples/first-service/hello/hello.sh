#!/bin/sh
# Counts its runs in /cyberdata, the volume every service keeps its data in.
count=$(( $(cat /cyberdata/runs 2>/dev/null || echo 0) + 1 ))
echo "$count" > /cyberdata/runs
echo "hello from your first service (run $count)"
