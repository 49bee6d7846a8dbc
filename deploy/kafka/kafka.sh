#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft) from Maven Central jars: no Docker, no tarball.
#
#   bash deploy/kafka/kafka.sh start|stop|status|restart|wipe|kill9|logs|fetch
#
#   start    fetch the jars if missing, format the storage if unformatted, start the broker in
#            the background and wait until it answers on 127.0.0.1:$KAFKA_PORT (idempotent)
#   stop     SIGTERM, wait up to $KAFKA_STOP_TIMEOUT s, then SIGKILL (idempotent)
#   status   exit 0 if the broker is running and answers, 3 if it is not running, 1 if it
#            runs but does not answer
#   restart  stop + start
#   wipe     stop + delete the data dir (topics, offsets, logs)
#   kill9    SIGKILL the broker at once (fault tests); the data dir is kept
#   logs     print the tail of the broker log
#   fetch    only resolve/copy the jars (mvn)
#
# Environment:
#   KAFKA_DATA_DIR         /tmp/civic-match-kafka   data, rendered config, logs, pid file
#   KAFKA_PORT             9092                     PLAINTEXT listener (127.0.0.1)
#   KAFKA_CONTROLLER_PORT  9093                     CONTROLLER listener (127.0.0.1)
#   KAFKA_VERSION          4.1.1                    org.apache.kafka:kafka_2.13 version
#   KAFKA_START_TIMEOUT    60                       seconds to wait for the broker to answer
#   KAFKA_STOP_TIMEOUT     30                       seconds to wait after SIGTERM before SIGKILL
#   KAFKA_HEAP_OPTS        -Xmx512m -Xms256m
#   KAFKA_JVM_OPTS         -XX:TieredStopAtLevel=1  C1 JIT only: ~2.5x faster start on 2 busy cores
#                                                   (set to "" for full C2 throughput)
#   KAFKA_LOG_LEVEL        WARN                     root level of $KAFKA_DATA_DIR/logs/server.log
#   JAVA                   java
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-/tmp/civic-match-kafka}"
[[ "$KAFKA_DATA_DIR" == /* ]] || KAFKA_DATA_DIR="$PWD/$KAFKA_DATA_DIR"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR%/}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS--XX:TieredStopAtLevel=1}"
KAFKA_LOG_LEVEL="${KAFKA_LOG_LEVEL:-WARN}"
JAVA="${JAVA:-java}"

LIBS_DIR="$HERE/.libs"
LIBS_STAMP="$LIBS_DIR/.kafka-version"
CONFIG_TEMPLATE="$HERE/server.properties"
LOG4J2_CONFIG="$HERE/log4j2.properties"
PROBE="$HERE/probe.js"

MARKER="$KAFKA_DATA_DIR/.civic-match-kafka"
CONFIG="$KAFKA_DATA_DIR/server.properties"
LOG_DIRS="$KAFKA_DATA_DIR/kraft-combined-logs"
APP_LOG_DIR="$KAFKA_DATA_DIR/logs"
PID_FILE="$KAFKA_DATA_DIR/kafka.pid"
FORMAT_STAMP="$KAFKA_DATA_DIR/format.env"
# Outside the data dir (wipe deletes that), one per data dir.
LOCK_FILE="${TMPDIR:-/tmp}/civic-match-kafka-$(printf '%s' "$KAFKA_DATA_DIR" | cksum | cut -d' ' -f1).lock"

log() { printf '[kafka.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now_ms() { date +%s%3N; }

# --- locking: concurrent start/stop/wipe calls (parallel test runs) are serialized ---------------
take_lock() {
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$LOCK_FILE"
    flock -w 180 9 || die "could not lock $LOCK_FILE within 180 s"
  fi
}

# --- process helpers ------------------------------------------------------------------------------
# Prints the broker pid if the pid file names a live kafka.Kafka process of this data dir.
broker_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse: it must be our java process.
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep "kafka.Kafka $CONFIG" >/dev/null || return 1
  fi
  printf '%s\n' "$pid"
}

probe() {
  # One readiness probe; quiet unless asked.
  KAFKA_PORT="$KAFKA_PORT" node "$PROBE" "127.0.0.1:$KAFKA_PORT" "$@"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

log_tail() {
  local n="${1:-40}"
  for f in "$APP_LOG_DIR/server.log" "$APP_LOG_DIR/kafka.out"; do
    if [[ -s "$f" ]]; then
      printf -- '----- tail -n %s %s -----\n' "$n" "$f" >&2
      tail -n "$n" "$f" >&2
    fi
  done
}

# --- jars -----------------------------------------------------------------------------------------
libs_ok() {
  [[ -f "$LIBS_STAMP" ]] && [[ "$(cat "$LIBS_STAMP")" == "$KAFKA_VERSION" ]] \
    && compgen -G "$LIBS_DIR/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null \
    && compgen -G "$LIBS_DIR/log4j-slf4j-impl-*.jar" >/dev/null
}

fetch_jars() {
  libs_ok && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found (needed once to fetch the Kafka jars)"
  log "fetching org.apache.kafka:kafka_2.13:$KAFKA_VERSION + log4j2 jars (mvn, cached in ~/.m2)"
  local t0; t0="$(now_ms)"
  rm -rf "$LIBS_DIR"
  mkdir -p "$LIBS_DIR"
  # (sed: Maven 3.8's jansi prints colour resets even with -B and no tty)
  if ! mvn -q -B -Dstyle.color=never -f "$HERE/pom.xml" \
      -Dkafka.version="$KAFKA_VERSION" -Dkafka.libs.dir="$LIBS_DIR" \
      dependency:copy-dependencies@copy-kafka-jars -DincludeScope=runtime 2>&1 \
      | sed -e 's/\x1b\[[0-9;]*m//g' >&2; then
    rm -rf "$LIBS_DIR"
    die "mvn could not resolve kafka_2.13:$KAFKA_VERSION"
  fi
  printf '%s\n' "$KAFKA_VERSION" >"$LIBS_STAMP"
  log "jars ready in $LIBS_DIR ($(find "$LIBS_DIR" -name '*.jar' | wc -l) jars, $(( ($(now_ms) - t0) / 1000 )) s)"
}

# --- config + storage -----------------------------------------------------------------------------
render_config() {
  mkdir -p "$KAFKA_DATA_DIR" "$APP_LOG_DIR"
  [[ -f "$MARKER" ]] || printf 'created by deploy/kafka/kafka.sh; safe to delete with kafka.sh wipe\n' >"$MARKER"
  local tmp="$CONFIG.tmp.$$"
  sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" \
      -e "s#@KAFKA_CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
      -e "s#@KAFKA_DATA_DIR@#$KAFKA_DATA_DIR#g" \
      "$CONFIG_TEMPLATE" >"$tmp"
  mv -f "$tmp" "$CONFIG"
}

# The JVM command line shared by StorageTool and the broker (as bin/kafka-run-class.sh, trimmed).
java_argv() {
  local -a heap jvm
  read -r -a heap <<<"$KAFKA_HEAP_OPTS"
  read -r -a jvm <<<"$KAFKA_JVM_OPTS"
  JAVA_ARGV=("$JAVA" "${heap[@]}" "${jvm[@]}"
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true
    -Dkafka.logs.dir="$APP_LOG_DIR"
    -Dlog4j2.configurationFile="$LOG4J2_CONFIG"
    -Dkafka.log.level="$KAFKA_LOG_LEVEL"
    -cp "$LIBS_DIR/*")
}

java_cmd() {
  java_argv
  "${JAVA_ARGV[@]}" "$@"
}

format_storage_if_needed() {
  local wanted="controller_port=$KAFKA_CONTROLLER_PORT kafka_version_major=${KAFKA_VERSION%%.*}"
  if [[ -f "$LOG_DIRS/meta.properties" ]]; then
    if [[ -f "$FORMAT_STAMP" ]] && [[ "$(cat "$FORMAT_STAMP")" != "$wanted" ]]; then
      die "storage in $KAFKA_DATA_DIR was formatted with [$(cat "$FORMAT_STAMP")], now [$wanted]: run 'kafka.sh wipe' first"
    fi
    return 0
  fi
  local cluster_id out
  cluster_id="$(java_cmd kafka.tools.StorageTool random-uuid 2>>"$APP_LOG_DIR/kafka.out" | tail -n 1)"
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || { log_tail 20; die "StorageTool random-uuid returned '$cluster_id'"; }
  if ! out="$(java_cmd kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$CONFIG" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "StorageTool format failed"
  fi
  printf '%s\n' "$cluster_id" >"$KAFKA_DATA_DIR/cluster.id"
  printf '%s\n' "$wanted" >"$FORMAT_STAMP"
  log "formatted $LOG_DIRS (cluster id $cluster_id)"
}

# --- commands -------------------------------------------------------------------------------------
cmd_start() {
  local t0 pid
  t0="$(now_ms)"
  if pid="$(broker_pid)"; then
    if wait_ready "$pid" "$KAFKA_START_TIMEOUT"; then
      log "already running (pid $pid) on 127.0.0.1:$KAFKA_PORT"
      return 0
    fi
    die "broker pid $pid is running but does not answer on 127.0.0.1:$KAFKA_PORT"
  fi
  rm -f "$PID_FILE"
  if port_in_use "$KAFKA_PORT"; then
    die "127.0.0.1:$KAFKA_PORT is in use by another process (not ours: no live pid in $PID_FILE)"
  fi
  if port_in_use "$KAFKA_CONTROLLER_PORT"; then
    die "127.0.0.1:$KAFKA_CONTROLLER_PORT (controller) is in use by another process"
  fi
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found"
  command -v node >/dev/null 2>&1 || die "node not found (used for the readiness probe)"

  fetch_jars
  render_config
  format_storage_if_needed

  printf '\n===== %s starting kafka %s =====\n' "$(date -Is)" "$KAFKA_VERSION" >>"$APP_LOG_DIR/kafka.out"
  # setsid: own session, so a Ctrl-C / process-group kill of the caller does not take the broker
  # down. In a non-interactive shell the background child is not a process-group leader, so
  # setsid execs in place and $! is the java pid. 9>&-: the broker must not inherit the lock.
  java_argv
  (
    cd "$KAFKA_DATA_DIR"
    exec setsid "${JAVA_ARGV[@]}" kafka.Kafka "$CONFIG"
  ) </dev/null >>"$APP_LOG_DIR/kafka.out" 2>&1 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  sleep 0.2
  if kill -0 "$pid" 2>/dev/null && ! broker_pid >/dev/null; then
    die "pid $pid is not the broker (setsid forked?); check 'ps' for a stray kafka.Kafka $CONFIG"
  fi
  log "started pid $pid (data $KAFKA_DATA_DIR), waiting up to ${KAFKA_START_TIMEOUT}s for 127.0.0.1:$KAFKA_PORT"
  if ! wait_ready "$pid" "$KAFKA_START_TIMEOUT"; then
    log_tail 40
    if kill -0 "$pid" 2>/dev/null; then
      log "broker did not answer within ${KAFKA_START_TIMEOUT}s; stopping it"
      do_stop
    else
      rm -f "$PID_FILE"
      log "broker process exited"
    fi
    die "kafka failed to start"
  fi
  log "ready on 127.0.0.1:$KAFKA_PORT (pid $pid, $(( ($(now_ms) - t0) / 1000 )).$(( ($(now_ms) - t0) % 1000 / 100 )) s)"
}

# wait_ready PID TIMEOUT_S: 0 once the probe passes, 1 on timeout or if PID dies.
wait_ready() {
  local pid="$1" timeout="$2" deadline
  deadline=$(( $(date +%s) + timeout ))
  while :; do
    kill -0 "$pid" 2>/dev/null || return 1
    if probe; then return 0; fi
    (( $(date +%s) < deadline )) || return 1
    sleep 1
  done
}

do_stop() {
  local pid waited=0
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if (( waited >= KAFKA_STOP_TIMEOUT * 10 )); then
      log "pid $pid still alive ${KAFKA_STOP_TIMEOUT}s after SIGTERM: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.1
    waited=$(( waited + 1 ))
  done
  rm -f "$PID_FILE"
  log "stopped pid $pid ($(( waited / 10 )).$(( waited % 10 )) s)"
}

cmd_stop() {
  if ! broker_pid >/dev/null; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  do_stop
}

cmd_kill9() {
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$PID_FILE"
  log "killed pid $pid with SIGKILL (data kept in $KAFKA_DATA_DIR)"
}

cmd_status() {
  local pid
  if ! pid="$(broker_pid)"; then
    echo "kafka: not running (data dir $KAFKA_DATA_DIR)"
    return 3
  fi
  if KAFKA_PROBE_VERBOSE=1 probe; then
    echo "kafka: running, pid $pid, 127.0.0.1:$KAFKA_PORT, data dir $KAFKA_DATA_DIR, version $(cat "$LIBS_STAMP" 2>/dev/null || echo '?')"
    return 0
  fi
  echo "kafka: pid $pid is running but 127.0.0.1:$KAFKA_PORT does not answer (starting, or stuck)"
  return 1
}

cmd_wipe() {
  do_stop
  case "$KAFKA_DATA_DIR" in
    "" | "/" | "$HOME" | "/tmp" | "/tmp/" ) die "refusing to delete KAFKA_DATA_DIR='$KAFKA_DATA_DIR'" ;;
  esac
  if [[ -d "$KAFKA_DATA_DIR" ]]; then
    [[ -f "$MARKER" ]] || die "$KAFKA_DATA_DIR has no $(basename "$MARKER") marker: not deleting a directory kafka.sh did not create"
    rm -rf "$KAFKA_DATA_DIR"
    log "wiped $KAFKA_DATA_DIR"
  else
    log "nothing to wipe ($KAFKA_DATA_DIR does not exist)"
  fi
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
    start)   take_lock; cmd_start ;;
    stop)    take_lock; cmd_stop ;;
    restart) take_lock; cmd_stop; cmd_start ;;
    wipe)    take_lock; cmd_wipe ;;
    kill9)   take_lock; cmd_kill9 ;;
    status)  cmd_status ;;
    logs)    log_tail "${2:-100}" 2>&1 ;;
    fetch)   take_lock; fetch_jars ;;
    *)
      echo "usage: $0 start|stop|status|restart|wipe|kill9|logs [N]|fetch" >&2
      exit 2
      ;;
  esac
}

main "$@"
