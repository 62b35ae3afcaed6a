#!/usr/bin/env bash
# tests/slurm/cluster.sh -- a one-node SLURM cluster on this machine, for the sweep tests.
#
#   cluster.sh start DIR   start munged, slurmctld and slurmd with everything in DIR (a
#                          generated slurm.conf, a fresh MUNGE key and socket, state,
#                          spool, logs, pid files; DIR must not exist or be empty), wait
#                          until the node is idle, print SLURM_CONF=DIR/slurm.conf.
#                          Exit 77 (skip) when munged, slurmctld, slurmd or sbatch is
#                          absent; exit 1 when the cluster does not come up, after
#                          stopping whatever it started.
#   cluster.sh stop DIR    cancel the cluster's jobs, stop the three daemons by the pids
#                          they wrote into DIR (TERM, then KILL after 30 s) and remove DIR.
#
# The daemons run as the calling user (root in CI: slurmd needs it to start jobs as their
# owner) with ProctrackType=proctrack/linuxproc and TaskPlugin=task/none, so neither
# cgroups nor systemd are needed.  Ports are chosen free, so a cluster of the system (or a
# leftover one) is never touched.  Every wait is bounded (SLURM_TEST_WAIT seconds, default
# 180, generous for a loaded machine).
set -u
cmd=${1:-}
dir=${2:-}
wait_s=${SLURM_TEST_WAIT:-180}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
sbin=/usr/sbin
export PATH="$PATH:$sbin"

log() { echo "cluster.sh: $*" >&2; }

stop_pid() {   # stop_pid FILE: TERM the process whose pid FILE holds, KILL it after 30 s
  local f=$1 pid i
  [ -s "$f" ] || return 0
  pid=$(cat "$f")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "pid $pid ($f) did not stop on TERM; KILL"
  kill -KILL "$pid" 2>/dev/null
  return 0
}

stop() {
  local i
  if [ -f "$dir/slurm.conf" ] && [ -s "$dir/slurmctld.pid" ]; then
    export SLURM_CONF="$dir/slurm.conf"
    scancel --user="$(id -un)" >/dev/null 2>&1
    for i in $(seq 1 "$wait_s"); do   # the jobs' processes end before their slurmd does
      [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
      sleep 1
    done
  fi
  stop_pid "$dir/slurmd.pid"
  stop_pid "$dir/slurmctld.pid"
  stop_pid "$dir/munged.pid"
  case "$dir" in
    /tmp/*|"${TMPDIR:-/tmp}"/*) rm -rf "$dir" ;;
    *) log "not removing $dir (not under a temporary folder)" ;;
  esac
}

free_port() {   # a TCP port in [lo, lo + 2000) that nothing listens on
  local p
  for p in $(seq "$1" $(( $1 + 2000 ))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

start() {
  local b host cpus ctld_port d_port i state
  for b in munged slurmctld slurmd sbatch squeue scontrol scancel sinfo; do
    if ! command -v "$b" >/dev/null 2>&1; then
      echo "cluster.sh: skipped: $b not found (apt-get install slurm-wlm munge)"
      exit 77
    fi
  done
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    log "$dir exists and is not empty"
    exit 1
  fi
  mkdir -p "$dir/state" "$dir/spool" "$dir/log" || exit 1
  chmod 755 "$dir"
  trap 'log "failed; stopping what was started"; tail -n 20 "$dir"/log/* "$dir"/munged.log 2>/dev/null >&2; stop; exit 1' ERR
  set -E

  # MUNGE: a key of our own, a socket of our own
  dd if=/dev/urandom of="$dir/munge.key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge.key"
  munged --socket="$dir/munge.socket" --key-file="$dir/munge.key" \
         --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" \
         --seed-file="$dir/munged.seed" --force
  for i in $(seq 1 "$wait_s"); do [ -S "$dir/munge.socket" ] && break; sleep 1; done
  [ -S "$dir/munge.socket" ] || { log "munged made no socket"; false; }

  host=$(hostname -s)
  cpus=$(nproc)
  ctld_port=$(free_port 26817)
  d_port=$(free_port $(( ctld_port + 1 )))
  cat > "$dir/slurm.conf" <<EOF
# written by tests/slurm/cluster.sh: a one-node cluster for lindyn's sweep tests
ClusterName=lindyntest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=$(id -un)
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
KillWait=5
MinJobAge=600
MaxArraySize=${SLURM_TEST_MAX_ARRAY:-1001}
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$SLURM_CONF"
  slurmd -f "$SLURM_CONF"
  for i in $(seq 1 "$wait_s"); do
    state=$(sinfo -h -n "$host" -o %t 2>/dev/null | head -n 1)
    case "$state" in
      idle) break ;;
      down*|drain*) scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true ;;
    esac
    sleep 1
  done
  if [ "$state" != idle ]; then
    log "node $host not idle after $wait_s s (state: ${state:-none})"
    false
  fi
  trap - ERR
  echo "SLURM_CONF=$SLURM_CONF"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
