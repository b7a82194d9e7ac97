#!/usr/bin/env bash
# cybernode's overhead on the two-phase build of examples/two-phase, against the same steps as a
# plain shell script of engine commands (the original build.sh), on the same engine in the same run.
#
#   bench/two-phase-overhead.sh podman [REPETITIONS]     (default 5)
#   bench/two-phase-overhead.sh docker [REPETITIONS]     starts a dockerd of its own unless DOCKER_HOST is set
#
# Each repetition runs the plain script, then `cybernode build` (in-process run images, the default),
# the same with --jobs 1, then `cybernode build --assembler engine`, each on a fresh copy of the workspace; the engine's layer
# cache is warm for all three after a first unmeasured round. Prints the mean of each and the overhead.
set -euo pipefail

ENGINE="${1:?usage: $0 docker|podman [REPETITIONS]}"
REPS="${2:-5}"
REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK="$(mktemp -d -t cybernode-bench.XXXXXX)"
DOCKERD_PID=""

cleanup() {
  if [[ -n "$DOCKERD_PID" ]]; then
    kill "$DOCKERD_PID" 2>/dev/null || true
    wait "$DOCKERD_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

case "$ENGINE" in
  docker)
    if [[ -z "${DOCKER_HOST:-}" ]]; then
      dockerd --data-root "$WORK/docker/data" --exec-root "$WORK/docker/exec" --pidfile "$WORK/docker/pid" \
        -H "unix://$WORK/docker/docker.sock" --bridge none --iptables=false >"$WORK/dockerd.log" 2>&1 &
      DOCKERD_PID=$!
      export DOCKER_HOST="unix://$WORK/docker/docker.sock"
      for _ in $(seq 100); do docker version >/dev/null 2>&1 && break; sleep 0.2; done
    fi
    ;;
  podman)
    # Private storage, given through storage.conf so cybernode's podman sees it the same way.
    cat >"$WORK/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
events_logger = "file"
CONF
    printf '[storage]\ndriver = "overlay"\ngraphroot = "%s"\nrunroot = "%s"\n' "$WORK/storage" "$WORK/run" >"$WORK/storage.conf"
    echo 'unqualified-search-registries = []' >"$WORK/registries.conf"
    export CONTAINERS_CONF="$WORK/containers.conf" CONTAINERS_STORAGE_CONF="$WORK/storage.conf" CONTAINERS_REGISTRIES_CONF="$WORK/registries.conf"
    ;;
  *) echo "engine must be docker or podman" >&2; exit 2 ;;
esac

# The CLI as users run it: the launcher's ReadyToRun build (built here, before any timing).
CYBERNODE=("$REPO/cybernode")
"${CYBERNODE[@]}" --help >/dev/null

# The base image, from busybox-static, in the engine and as an archive for cybernode's stores.
root="$WORK/rootfs"
mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root"
cp /bin/busybox "$root/bin/"
for applet in $(busybox --list); do [[ "$applet" == busybox ]] || ln -s busybox "$root/bin/$applet"; done
echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
tar -C "$root" -c . | "$ENGINE" import -c 'CMD ["/bin/sh"]' - cybernode/busybox-base:latest >/dev/null
"$ENGINE" save -o "$WORK/base.tar" cybernode/busybox-base:latest >/dev/null

fresh_workspace() {
  rm -rf "$WORK/ws"
  cp -r "$REPO/examples/two-phase" "$WORK/ws"
  rm -rf "$WORK"/ws/*/bin
  "${CYBERNODE[@]}" import "docker-archive:$WORK/base.tar" cybernode/busybox-base:latest --store "$WORK/ws/.cybernode/store" >/dev/null
}

# The original build.sh: per service, build the build image, run it with bin at /build, build the run image.
plain_script() {
  local service
  for service in counter fortune hello; do
    "$ENGINE" build --tag "cybernode/build-$service:latest" --file "$WORK/ws/$service/Dockerfile-build" "$WORK/ws/$service" >/dev/null
    rm -rf "$WORK/ws/$service/bin" && mkdir -p "$WORK/ws/$service/bin"
    "$ENGINE" run --rm --volume "$WORK/ws/$service/bin:/build" "cybernode/build-$service:latest" >/dev/null
    "$ENGINE" build --tag "cybernode/$service:latest" "$WORK/ws/$service" >/dev/null
  done
}

cybernode_in_process() { "${CYBERNODE[@]}" build "$WORK/ws" --provider "$ENGINE" >/dev/null; }
cybernode_engine() { "${CYBERNODE[@]}" build "$WORK/ws" --provider "$ENGINE" --assembler engine >/dev/null; }
# One service at a time, step for step what the script does: cybernode's own cost without its parallelism.
cybernode_sequential() { "${CYBERNODE[@]}" build "$WORK/ws" --provider "$ENGINE" --jobs 1 >/dev/null; }

# Milliseconds one run of FUNCTION takes, on a fresh copy of the workspace.
time_ms() {
  fresh_workspace
  local start end
  start=$(date +%s%N)
  "$1"
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

for run in plain_script cybernode_in_process cybernode_sequential cybernode_engine; do time_ms "$run" >/dev/null; done

declare -A total=([plain_script]=0 [cybernode_in_process]=0 [cybernode_sequential]=0 [cybernode_engine]=0)
for rep in $(seq "$REPS"); do
  line="rep $rep:"
  for run in plain_script cybernode_in_process cybernode_sequential cybernode_engine; do
    ms=$(time_ms "$run")
    total[$run]=$((total[$run] + ms))
    line+=" $run ${ms} ms"
  done
  echo "$line"
done

plain=$((total[plain_script] / REPS))
echo
echo "engine: $ENGINE ($("$ENGINE" version --format '{{.Server.Version}}' 2>/dev/null || "$ENGINE" --version)), $REPS repetitions, mean wall time"
printf '  %-34s %6d ms\n' "plain script of $ENGINE commands" "$plain"
for run in cybernode_in_process cybernode_sequential cybernode_engine; do
  mean=$((total[$run] / REPS))
  printf '  %-34s %6d ms  overhead %+.1f%%\n' "$run" "$mean" "$(echo "($mean - $plain) * 100 / $plain" | bc -l)"
done
