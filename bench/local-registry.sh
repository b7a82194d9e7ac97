# Sourced by the registry benchmarks: starts Debian's registry (distribution 2.8) on 127.0.0.1 on a
# free port, with its storage under $WORK/registry, and waits until it answers. Sets REGISTRY_PID
# and HOST (127.0.0.1:PORT). Callers `trap stop_local_registry EXIT`: it stops the registry by its
# PID and removes $WORK.
REGISTRY_PID=""

stop_local_registry() {
  if [[ -n "$REGISTRY_PID" ]]; then
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}

start_local_registry() {
  local work="$1" port
  port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  HOST="127.0.0.1:$port"
  mkdir -p "$work/registry"
  cat >"$work/registry.yml" <<CONF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: $HOST
CONF
  /usr/bin/docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
  REGISTRY_PID=$!
  for _ in $(seq 100); do curl -sf "http://$HOST/v2/" >/dev/null && return 0; sleep 0.1; done
  echo "the registry did not answer on $HOST: $(cat "$work/registry.log")" >&2
  return 1
}
