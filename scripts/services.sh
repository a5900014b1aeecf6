#!/usr/bin/env bash
# Real services for BuergerHAL's test harness, without systemd (Debian 12):
#
#   pcscd  + vpcd reader driver   readers "Virtual PCD 00 00" (TCP 35963) and
#                                 "Virtual PCD 00 01" (TCP 35964, left empty)
#   vicc   ISO 7816 virtual card  attached to "Virtual PCD 00 00"
#   cupsd  private scheduler      127.0.0.1:8631, raw queue "bhal-test"
#   socat  byte sink "printer"    127.0.0.1:9109 -> <run dir>/printer-sink.bin
#
# Usage: scripts/services.sh start|stop|status|stop-pcscd|start-pcscd|restart-cupsd
#
# All state (pid files, logs, CUPS tree, env file) lives in the run dir
# ${BHAL_RUN_DIR:-/tmp/bhal-services}. After `start`, `source <run dir>/env`
# exports the BHAL_TEST_* variables the tests read.
#
# Caveats:
# - pcscd's socket /run/pcscd/pcscd.comm is fixed: one pcscd per host or
#   container. `start` stops any pcscd already running.
# - vpcd listens on 0.0.0.0:35963/35964 (not configurable to loopback):
#   anyone who can reach this host can attach a card. Isolate CI machines.
set -euo pipefail

RUN_DIR=${BHAL_RUN_DIR:-/tmp/bhal-services}
CUPS_DIR="$RUN_DIR/cups"
CUPS_ADDR=127.0.0.1:8631
CUPS_QUEUE=bhal-test
CUPS_SIM_QUEUE=bhal-sim
SIM_PRINTER_PORT=9110
SINK_PORT=9109
SINK_FILE="$RUN_DIR/printer-sink.bin"
VPCD_PORT=35963 # slot 0 = "Virtual PCD 00 00"; slot 1 (35964) stays empty
PCSC_READER='Virtual PCD 00 00'
PCSC_EMPTY_READER='Virtual PCD 00 01'
PCSCD_SOCKET=/run/pcscd/pcscd.comm
START_TIMEOUT=15 # seconds, per readiness check
STOP_TIMEOUT=5   # seconds between TERM and KILL

# Services in stop order (vicc exits by itself when pcscd goes away).
SERVICES=(vicc socat cupsd pcscd)

# Absolute, and no whitespace: the path goes unquoted into cupsd's config.
if [[ $RUN_DIR != /?* || $RUN_DIR =~ [[:space:]] ]]; then
  echo "services: BHAL_RUN_DIR must be an absolute path without spaces, got '$RUN_DIR'" >&2
  exit 2
fi
RUN_DIR=${RUN_DIR%/}

log() { echo "services: $*"; }

pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$RUN_DIR/$1.log"; }

# die SERVICE MESSAGE [EXTRA_LOG...]: reports a failure with the last 20
# lines of the service's log(s), stops whatever runs and exits non-zero.
die() {
  local service=$1 msg=$2 file logs
  logs=("$(log_file "$service")" "${@:3}")
  # cupsd -f logs little to stdout; its real log is the ErrorLog.
  [[ $service == cupsd ]] && logs+=("$CUPS_DIR/log/error_log")
  echo "services: FAILED: $service: $msg" >&2
  for file in "${logs[@]}"; do
    [[ -s $file ]] || continue
    echo "---- last 20 lines of $file ----" >&2
    tail -n 20 "$file" >&2
  done
  stop_all >&2 || true
  exit 1
}

# is_alive PID: the process exists and is not a zombie.
is_alive() {
  local stat
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# read_pid SERVICE: prints the pid from the pid file if that process is alive
# and still has the expected command name (guards against reused pids).
read_pid() {
  local pid comm
  pid=$(cat "$(pid_file "$1")" 2>/dev/null) || return 1
  is_alive "$pid" || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
  [[ $comm == "$1" ]] || return 1
  echo "$pid"
}

# stop_pid NAME PID: TERM (to the whole process group if PID leads one, so
# socat's forked children go too), wait up to STOP_TIMEOUT, then KILL, then
# wait until the pid is really gone.
stop_pid() {
  local name=$1 pid=$2 target=$2 i pgid
  pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ') || true
  [[ $pgid == "$pid" ]] && target=-$pid
  kill -TERM -- "$target" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    is_alive "$pid" || { log "stopped $name (pid $pid)"; return 0; }
    sleep 0.1
  done
  log "$name (pid $pid) ignored TERM for ${STOP_TIMEOUT}s, sending KILL"
  kill -KILL -- "$target" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    is_alive "$pid" || { log "killed $name (pid $pid)"; return 0; }
    sleep 0.1
  done
  echo "services: $name (pid $pid) survived KILL" >&2
  return 1
}

# stop_service SERVICE: stops it via its pid file; fine if it is gone already.
stop_service() {
  local pid
  if pid=$(read_pid "$1"); then
    stop_pid "$1" "$pid" || return 1
  fi
  rm -f "$(pid_file "$1")"
}

stop_all() {
  local service rc=0
  for service in "${SERVICES[@]}"; do
    stop_service "$service" || rc=1
  done
  return "$rc"
}

# launch SERVICE CMD...: starts CMD in the background in its own session
# (setsid; $! is the service itself, since a non-leader setsid execs
# directly), stdin from /dev/null, stdout+stderr to the service log.
# Descriptors above 2 are closed first: a daemon must not keep open a pipe
# of whoever ran this script (Foundation's Process waits for such a pipe to
# close, so a test calling `start-pcscd` would hang). The signal mask is
# cleared too: a test process starts `start-pcscd` from a thread with most
# signals blocked, the mask survives exec, and a daemon started that way
# ignores TERM at `stop` (seen: 5 s wait and KILL for pcscd and vicc).
# Bash cannot unblock signals, so perl (perl-base, always installed) does it
# and execs the service in place, keeping $! the service's pid.
launch() {
  local service=$1 log
  shift
  log=$(log_file "$service")
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      ((fd > 2)) && eval "exec $fd>&-" 2>/dev/null
    done
    exec setsid perl -MPOSIX -e 'sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die "sigprocmask: $!"; exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!"' \
      "$@" </dev/null >"$log" 2>&1
  ) &
  echo "$!" >"$(pid_file "$service")"
}

# tcp_listening PORT: something listens on TCP PORT (IPv4 or IPv6). Reads
# /proc/net/tcp* directly: needs no extra package and, unlike a test
# connection, does not make vpcd believe a card was inserted.
tcp_listening() {
  local hex
  hex=$(printf '%04X' "$1")
  awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { found = 1 }
                    END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# wait_until SERVICE DESCRIPTION CMD...: polls CMD every 0.1 s until it
# succeeds; fails if the service died or after START_TIMEOUT seconds.
wait_until() {
  local service=$1 what=$2 i pid
  shift 2
  pid=$(cat "$(pid_file "$service")")
  for ((i = 0; i < START_TIMEOUT * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    is_alive "$pid" || die "$service" "exited while waiting for: $what"
    sleep 0.1
  done
  die "$service" "not ready after ${START_TIMEOUT}s: $what"
}

# ---------------------------------------------------------------- pcscd ---

pcscd_ready() { [[ -S $PCSCD_SOCKET ]] && tcp_listening "$VPCD_PORT"; }

start_pcscd() {
  local pid
  # Another pcscd (e.g. started by the package's postinst) would make ours
  # refuse to start: stop it and wait until its pid is really gone.
  for pid in $(pgrep -x pcscd || true); do
    is_alive "$pid" || continue # pgrep also lists not yet reaped zombies
    log "stopping pcscd not started by this script (pid $pid)"
    stop_pid pcscd "$pid" || die pcscd "could not stop running pcscd $pid"
  done
  # A pcscd killed hard leaves its socket and pid file; pcscd then refuses
  # to start ("file ... already exists"). No pcscd runs now: remove them.
  rm -f "$PCSCD_SOCKET" /run/pcscd/pcscd.pid
  if tcp_listening "$VPCD_PORT"; then
    die pcscd "TCP $VPCD_PORT is already in use by another process"
  fi
  launch pcscd pcscd --foreground
  wait_until pcscd "socket $PCSCD_SOCKET and vpcd on TCP $VPCD_PORT" pcscd_ready
  log "pcscd ready (pid $(cat "$(pid_file pcscd)"))"
}

# ----------------------------------------------------------------- vicc ---

# package_file PACKAGE REGEX: prints the first file of an installed Debian
# package matching REGEX. (Not `dpkg -L | grep -m1`: with pipefail, grep
# quitting early can make dpkg die of SIGPIPE and the pipeline fail.)
package_file() {
  local files
  files=$(dpkg -L "$1" 2>/dev/null) || return 1
  grep -m1 -- "$2" <<<"$files"
}

# Prints the directory that holds the `virtualsmartcard` package of
# python3-virtualsmartcard (Debian installs it outside sys.path).
vicc_pythonpath() {
  local init
  init=$(package_file python3-virtualsmartcard '/virtualsmartcard/__init__\.py$') ||
    die vicc "python3-virtualsmartcard is not installed (run scripts/install-deps.sh)"
  dirname "$(dirname "$init")"
}

# Prints the reader number opensc-tool uses for PCSC_READER if a card is
# present in it, e.g. the line "0    Yes             Virtual PCD 00 00".
card_reader_index() {
  local readers
  readers=$(opensc-tool -l 2>/dev/null) || return 1
  awk -v name="$PCSC_READER" '$1 ~ /^[0-9]+$/ && $2 == "Yes" &&
      substr($0, length($0) - length(name) + 1) == name { print $1; found = 1; exit }
      END { exit !found }' <<<"$readers"
}

start_vicc() {
  local shim="$RUN_DIR/python-shim" vsc_path crypto_dir reader out
  vsc_path=$(vicc_pythonpath)
  # vicc imports `Crypto` (PyCrypto's name); Debian 12 ships pycryptodome as
  # `Cryptodome`. A symlink under the old name on PYTHONPATH bridges that.
  crypto_dir=$(package_file python3-pycryptodome '/Cryptodome$') ||
    die vicc "python3-pycryptodome is not installed (run scripts/install-deps.sh)"
  mkdir -p "$shim"
  ln -sfn "$crypto_dir" "$shim/Crypto"

  PYTHONPATH="$shim:$vsc_path" PYTHONUNBUFFERED=1 \
    launch vicc vicc -t iso7816 -H 127.0.0.1 -P "$VPCD_PORT"
  wait_until vicc "card present in reader '$PCSC_READER' (opensc-tool -l)" card_reader_index
  reader=$(card_reader_index)

  # Smoke test: SELECT MF. P2=0C (no FCI): P2=00 crashes vicc's TLV code.
  # `-c default` skips OpenSC's card driver probing (2.4 s of APDUs -> 0.04 s).
  out=$(opensc-tool -r "$reader" -c default -s '00 A4 00 0C 02 3F 00' 2>&1) ||
    die vicc "opensc-tool SELECT MF failed: $out"
  [[ $out == *"SW1=0x90, SW2=0x00"* ]] ||
    die vicc "SELECT MF did not answer 90 00: $out"
  log "vicc ready (pid $(cat "$(pid_file vicc)")), card in '$PCSC_READER', SELECT MF -> 90 00"
}

# ---------------------------------------------------------------- cupsd ---

write_cups_config() {
  # Fresh tree on every start so no queue or job survives from earlier runs.
  rm -rf "$CUPS_DIR"
  mkdir -p "$CUPS_DIR"/{etc,spool/temp,run,cache,log}
  # Backends and filters run as user lp: the tree must be traversable.
  chmod 755 "$CUPS_DIR" "$CUPS_DIR"/{etc,spool,run,cache,log}
  chmod 1777 "$CUPS_DIR/spool/temp"

  cat >"$CUPS_DIR/etc/cupsd.conf" <<EOF
LogLevel warn
Listen $CUPS_ADDR
Listen $CUPS_DIR/run/cups.sock
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF

  # Printcap inside the run dir: otherwise cupsd writes the system printcap.
  cat >"$CUPS_DIR/etc/cups-files.conf" <<EOF
ServerRoot $CUPS_DIR/etc
RequestRoot $CUPS_DIR/spool
TempDir $CUPS_DIR/spool/temp
StateDir $CUPS_DIR/run
CacheDir $CUPS_DIR/cache
ServerBin /usr/lib/cups
DataDir /usr/share/cups
AccessLog $CUPS_DIR/log/access_log
ErrorLog $CUPS_DIR/log/error_log
PageLog $CUPS_DIR/log/page_log
Printcap $CUPS_DIR/run/printcap
SystemGroup root
EOF
}

# `lpstat -r` exits 0 even when no scheduler runs: test its text.
cupsd_ready() { [[ $(lpstat -h "$CUPS_ADDR" -r 2>&1) == *"is running"* ]]; }

start_cupsd() {
  tcp_listening 8631 && die cupsd "TCP ${CUPS_ADDR#*:} is already in use by another process"
  [[ -x /usr/lib/cups/backend/socket ]] ||
    die cupsd "no socket backend /usr/lib/cups/backend/socket (package cups; run scripts/install-deps.sh)"
  write_cups_config
  launch cupsd cupsd -f -c "$CUPS_DIR/etc/cupsd.conf" -s "$CUPS_DIR/etc/cups-files.conf"
  wait_until cupsd "lpstat -h $CUPS_ADDR -r says 'is running'" cupsd_ready
  log "cupsd ready (pid $(cat "$(pid_file cupsd)")) on $CUPS_ADDR"
}

# ---------------------------------------------------------------- socat ---

start_socat() {
  tcp_listening "$SINK_PORT" && die socat "TCP $SINK_PORT is already in use by another process"
  # The sink file is shared by all connections (append); tests truncate it.
  : >"$SINK_FILE"
  chmod 666 "$SINK_FILE"
  launch socat socat -u "TCP-LISTEN:$SINK_PORT,bind=127.0.0.1,reuseaddr,fork" \
    "OPEN:$SINK_FILE,creat,append"
  wait_until socat "listening on 127.0.0.1:$SINK_PORT" tcp_listening "$SINK_PORT"
  log "socat sink ready (pid $(cat "$(pid_file socat)")) 127.0.0.1:$SINK_PORT -> $SINK_FILE"
}

# ------------------------------------------------------------ CUPS queue ---

queue_idle() {
  local out
  out=$(lpstat -h "$CUPS_ADDR" -p "$CUPS_QUEUE" 2>&1) || return 1
  [[ $out == *"is idle"* && $out == *enabled* ]]
}

no_jobs_left() { [[ -z $(lpstat -h "$CUPS_ADDR" -o "$CUPS_QUEUE" 2>/dev/null) ]]; }

sink_has() { [[ -s $SINK_FILE ]] && cmp -s "$1" "$SINK_FILE"; }

create_queue() {
  local out probe="$RUN_DIR/cups-selftest.bin"
  # lpadmin warns that raw queues are deprecated (still supported in 2.4).
  # Description and location with spaces and umlauts, as real queues have them: whitespace in
  # attributes crashed Debian's CUPS 2.4.2-3+deb12u10 when it sat in a job attribute.
  out=$(lpadmin -h "$CUPS_ADDR" -p "$CUPS_QUEUE" -E -v "socket://127.0.0.1:$SINK_PORT" \
    -D "Bondrucker Bürgerbüro" -L "Rathaus, Foyer links" \
    -m raw -o printer-error-policy=abort-job 2>&1) ||
    die cupsd "lpadmin failed: $out"
  wait_until cupsd "queue $CUPS_QUEUE idle and enabled" queue_idle

  # End to end once: a few bytes (incl. ESC @, NUL, 0xFF) through CUPS must
  # arrive byte-identical in the sink.
  printf '\x1b@BuergerHAL CUPS self-test\n\x00\xff\x1dV\x00' >"$probe"
  out=$(lp -h "$CUPS_ADDR" -d "$CUPS_QUEUE" -o raw "$probe" 2>&1) ||
    die cupsd "lp failed: $out"
  wait_until socat "self-test job bytes in $SINK_FILE ($out; see also $CUPS_DIR/log/error_log)" \
    sink_has "$probe"
  wait_until cupsd "self-test job finished" no_jobs_left
  : >"$SINK_FILE"
  rm -f "$probe"
  log "queue $CUPS_QUEUE -> socket://127.0.0.1:$SINK_PORT verified end to end"

  # A second raw queue whose device is BuergerHAL's printer simulator, which the
  # tests start on SIM_PRINTER_PORT themselves.
  out=$(lpadmin -h "$CUPS_ADDR" -p "$CUPS_SIM_QUEUE" -E -v "socket://127.0.0.1:$SIM_PRINTER_PORT" \
    -D "BuergerHAL Druckersimulator" -L "Testlabor Raum 2" \
    -m raw -o printer-error-policy=abort-job 2>&1) ||
    die cupsd "lpadmin failed: $out"
  log "queue $CUPS_SIM_QUEUE -> socket://127.0.0.1:$SIM_PRINTER_PORT (printer simulator, started by the tests)"
}

# ------------------------------------------------------------------ env ---

# env_line NAME VALUE: prints `export NAME=VALUE`, single-quoting VALUE
# unless it only holds characters that are safe unquoted.
env_line() {
  local value=$2 q="'"
  if [[ ! $value =~ ^[A-Za-z0-9_./:@%+,=-]+$ ]]; then
    value="'${value//$q/$q\\$q$q}'"
  fi
  printf 'export %s=%s\n' "$1" "$value"
}

write_env() {
  local tmp="$RUN_DIR/env.tmp"
  {
    echo "# Written by scripts/services.sh start; source it before the tests."
    env_line BHAL_TEST_HARNESS 1
    env_line CUPS_SERVER "$CUPS_ADDR"
    env_line BHAL_TEST_CUPS_QUEUE "$CUPS_QUEUE"
    env_line BHAL_TEST_PRINTER_SINK "$SINK_FILE"
    env_line BHAL_TEST_PCSC_READER "$PCSC_READER"
    env_line BHAL_TEST_PCSC_EMPTY_READER "$PCSC_EMPTY_READER"
    env_line BHAL_RUN_DIR "$RUN_DIR"
    env_line BHAL_TEST_SERVICES "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/services.sh"
    env_line BHAL_TEST_VPCD_EMPTY_PORT 35964
    env_line BHAL_TEST_CUPS_SIM_QUEUE "$CUPS_SIM_QUEUE"
    env_line BHAL_TEST_SIM_PRINTER_PORT "$SIM_PRINTER_PORT"
    # For the scheduler-dies-mid-job tests: cupsd's pid file and the folder where it
    # receives request bodies (a job's document while it is being taken).
    env_line BHAL_TEST_CUPSD_PID_FILE "$(pid_file cupsd)"
    env_line BHAL_TEST_CUPS_REQUEST_DIR "$CUPS_DIR/spool"
  } >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$RUN_DIR/env"
}

# ------------------------------------------------------------- commands ---

cmd_start() {
  local t0=${EPOCHREALTIME/[,.]/}
  if ((EUID != 0)); then
    echo "services: start needs root (pcscd owns /run/pcscd); run: sudo $0 start" >&2
    exit 1
  fi
  local tool
  for tool in pcscd vicc opensc-tool cupsd lpstat lpadmin lp socat setsid; do
    command -v "$tool" >/dev/null ||
      { echo "services: '$tool' not found; run scripts/install-deps.sh" >&2; exit 1; }
  done

  mkdir -p "$RUN_DIR"
  chmod 755 "$RUN_DIR" # CUPS backends (user lp) must reach the run dir
  rm -f "$RUN_DIR/env"

  # Leftovers of an earlier run (no `stop`, crashed test) go first.
  stop_all

  start_pcscd
  start_vicc
  start_cupsd
  start_socat
  create_queue
  write_env
  local ms=$(((${EPOCHREALTIME/[,.]/} - t0) / 1000))
  log "all services up in ${ms} ms; env: source $RUN_DIR/env"
}

cmd_stop() {
  if stop_all; then
    rm -f "$RUN_DIR/env"
    log "all services stopped (logs kept in $RUN_DIR)"
  else
    echo "services: some services could not be stopped" >&2
    exit 1
  fi
}

# Exit status: 0 if everything runs, 3 otherwise (LSB convention).
cmd_status() {
  local service pid rc=0 other
  for service in "${SERVICES[@]}"; do
    if pid=$(read_pid "$service"); then
      printf '%-6s running (pid %s)\n' "$service" "$pid"
    else
      printf '%-6s stopped\n' "$service"
      rc=3
    fi
  done
  if ! read_pid pcscd >/dev/null; then
    for other in $(pgrep -x pcscd || true); do
      is_alive "$other" && echo "note: pcscd pid $other runs, not started by this script"
    done
  fi
  if card_reader_index >/dev/null 2>&1; then
    echo "card   present in '$PCSC_READER'"
  else
    echo "card   absent from '$PCSC_READER'"
  fi
  return "$rc"
}

# For tests of recovery: pcscd (and the vicc card that dies with it) stop
# and start again while cupsd and the sink keep running.
cmd_stop_pcscd() {
  stop_service vicc && stop_service pcscd || die pcscd "could not stop pcscd"
  log "pcscd and vicc stopped"
}

cmd_start_pcscd() {
  start_pcscd
  start_vicc
}

# For tests of a scheduler that dies mid-job: cupsd (killed by the test, or
# still running) is stopped and started fresh with its queues, while pcscd and
# the byte sink keep running.
cmd_restart_cupsd() {
  stop_service cupsd || die cupsd "could not stop cupsd"
  start_cupsd
  : >"$SINK_FILE" # create_queue's end-to-end check compares the whole sink with its probe
  create_queue
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  stop-pcscd) cmd_stop_pcscd ;;
  start-pcscd) cmd_start_pcscd ;;
  restart-cupsd) cmd_restart_cupsd ;;
  *)
    echo "usage: $0 start|stop|status|stop-pcscd|start-pcscd|restart-cupsd" >&2
    exit 2
    ;;
esac
