# Sourced by the scripts that need a simulator of their own (test-wasm, test-e2e, test-readme-curl,
# schemathesis, lighthouse): one way to start it on a free loopback port and to stop it.
#
#   start_sim LABEL DIR [itcare-sim arguments...]
#     Starts ${SIM_BIN:-target/debug/itcare-sim} with `--host 127.0.0.1 --port 0 --port-file
#     DIR/sim.port` and the arguments, its output in DIR/sim.log, with the environment changes of
#     the array SIM_ENV (`env` arguments: NAME=VALUE, -u NAME) if set. Waits up to 30 s for the
#     port file; fails naming LABEL, with the log, when the simulator exits or does not listen.
#     Sets SIM_PID, SIM_PORT and SIM_BASE (http://127.0.0.1:PORT).
#   stop_sim
#     Stops it (for an EXIT trap; safe to call when none runs).

start_sim() {
  local label=$1 dir=$2
  shift 2
  rm -f "$dir/sim.port"
  env ${SIM_ENV[@]+"${SIM_ENV[@]}"} "${SIM_BIN:-target/debug/itcare-sim}" --host 127.0.0.1 --port 0 \
    --port-file "$dir/sim.port" "$@" >"$dir/sim.log" 2>&1 &
  SIM_PID=$!
  local _
  for _ in $(seq 1 300); do
    [ -s "$dir/sim.port" ] && break
    if ! kill -0 "$SIM_PID" 2>/dev/null; then
      echo "$label: the simulator exited before listening:" >&2
      cat "$dir/sim.log" >&2
      SIM_PID=""
      return 1
    fi
    sleep 0.1
  done
  if [ ! -s "$dir/sim.port" ]; then
    echo "$label: the simulator did not listen within 30 s:" >&2
    cat "$dir/sim.log" >&2
    return 1
  fi
  SIM_PORT=$(tr -d '[:space:]' <"$dir/sim.port")
  SIM_BASE="http://127.0.0.1:$SIM_PORT"
}

stop_sim() {
  if [ -n "${SIM_PID:-}" ]; then
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
    SIM_PID=""
  fi
}
