#!/usr/bin/env bash
# The STOMP broker the local Rucio's hermes daemons publish Rucio's events to: a project-local RabbitMQ
# node (Debian's rabbitmq-server with its rabbitmq_stomp plugin) on 127.0.0.1 only, beside any RabbitMQ of
# the machine's own. One node per clone (rucio_catalog_<clone>@localhost), state and logs in .local/broker.
# Ports: STOMP BROKER_STOMP_PORT (61613); AMQP BROKER_AMQP_PORT and Erlang distribution BROKER_DIST_PORT
# follow it (+1000, +2000), so clones with different STOMP ports do not collide. Login guest / guest, which
# RabbitMQ accepts from loopback only.
#   scripts/broker.sh          start it (idempotent)
#   scripts/broker.sh --stop   stop it
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" broker
STATE="$ROOT/.local/broker"
PIDFILE="$STATE/broker.pid"
STOMP_PORT="${BROKER_STOMP_PORT:-61613}"
AMQP_PORT="${BROKER_AMQP_PORT:-$((STOMP_PORT + 1000))}"
DIST_PORT="${BROKER_DIST_PORT:-$((STOMP_PORT + 2000))}"
NODE="rucio_catalog_$(printf %s "$ROOT" | md5sum | cut -c1-8)@localhost"
BIN=/usr/lib/rabbitmq/bin
mkdir -p "$STATE"

case "${1:-}" in
  --stop)
    if service_pid "$PIDFILE" >/dev/null; then
      say "stopping RabbitMQ node $NODE"
      # SIGTERM is RabbitMQ's graceful shutdown (rabbitmqctl stop does the same, a second slower).
      stop_service "$PIDFILE"
      say "stopped"
    fi
    exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--stop]" >&2; exit 2 ;;
esac

# rucio/up.sh and rucio/cms.sh may both start it at once.
exec 9>"$STATE/broker.lock"
flock 9
if service_pid "$PIDFILE" >/dev/null; then
  running="$(cat "$STATE/stomp-port" 2>/dev/null || true)"
  [ "$running" = "$STOMP_PORT" ] || die "node $NODE already runs with STOMP port ${running:-?}, not $STOMP_PORT: stop it first (scripts/broker.sh --stop)"
  say "already running: node $NODE"
else
  for port in "$STOMP_PORT" "$AMQP_PORT" "$DIST_PORT"; do
    port_open "$port" && die "port $port is taken by another process; set BROKER_STOMP_PORT to a free port (or BROKER_AMQP_PORT, BROKER_DIST_PORT)"
  done
  [ -x "$BIN/rabbitmq-server" ] || die "no RabbitMQ in $BIN: run scripts/setup.sh (Debian's rabbitmq-server)"
  printf '%s\n' "listeners.tcp.default = 127.0.0.1:$AMQP_PORT" "stomp.listeners.tcp.1 = 127.0.0.1:$STOMP_PORT" >"$STATE/rabbitmq.conf"
  echo '[rabbitmq_stomp].' >"$STATE/enabled_plugins"
  # Empty: the machine's /etc/rabbitmq/rabbitmq-env.conf belongs to its own node.
  : >"$STATE/rabbitmq-env.conf"
  server_env=(
    RABBITMQ_NODENAME="$NODE" RABBITMQ_DIST_PORT="$DIST_PORT" ERL_EPMD_ADDRESS=127.0.0.1
    RABBITMQ_CONF_ENV_FILE="$STATE/rabbitmq-env.conf" RABBITMQ_CONFIG_FILE="$STATE/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$STATE/advanced.config" RABBITMQ_ENABLED_PLUGINS_FILE="$STATE/enabled_plugins"
    RABBITMQ_MNESIA_BASE="$STATE/mnesia" RABBITMQ_LOG_BASE="$STATE/log" RABBITMQ_PID_FILE="$STATE/rabbitmq.pid"
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  )
  say "starting RabbitMQ node $NODE: STOMP 127.0.0.1:$STOMP_PORT, AMQP 127.0.0.1:$AMQP_PORT, distribution 127.0.0.1:$DIST_PORT"
  say "running: ${server_env[*]} $BIN/rabbitmq-server"
  echo "$STOMP_PORT" >"$STATE/stomp-port"
  start_service "$PIDFILE" "$STATE/broker.log" env "${server_env[@]}" "$BIN/rabbitmq-server"
fi
wait_until 60 "$PIDFILE" port_open "$STOMP_PORT" ||
  { tail -n 20 "$STATE/broker.log" >&2; die "RabbitMQ did not open STOMP port $STOMP_PORT, see $STATE/broker.log and $STATE/log"; }
say "STOMP broker up: stomp://guest:guest@127.0.0.1:$STOMP_PORT (node $NODE, logs in $STATE/log)"
