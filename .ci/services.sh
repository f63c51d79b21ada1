# Sourced by .ci/run: servers the integration tests talk to, all bound to loopback.
# Defines nothing that outlives the CI job except the started daemons.

# RabbitMQ for the fedora-messaging AMQP tests (AmqpMessageSourceIT in packit-fedora).
start_rabbitmq() {
  if declare -F install_packages >/dev/null; then
    install_packages rabbitmq-server
  elif ! dpkg -s rabbitmq-server >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null
  fi
  # Loopback only: AMQP listener, epmd and the Erlang distribution port.
  export RABBITMQ_NODENAME=rabbit@localhost
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  if ! timeout 10 rabbitmqctl -q -n "$RABBITMQ_NODENAME" status >/dev/null 2>&1; then
    echo "starting rabbitmq-server on 127.0.0.1:5672"
    rabbitmq-server -detached
  fi
  # Right after -detached the Erlang node is not reachable yet and await_startup fails at once
  # (instead of waiting), so poll until the deadline.
  local deadline=$((SECONDS + 120))
  until timeout 30 rabbitmqctl -q -n "$RABBITMQ_NODENAME" await_startup --timeout 20 >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "rabbitmq-server did not start within 120 s; log tail:" >&2
      tail -n 40 /var/log/rabbitmq/"$RABBITMQ_NODENAME".log >&2 || true
      return 1
    fi
    sleep 2
  done
  export PACKIT_AMQP_URL='amqp://guest:guest@127.0.0.1:5672/%2F'
  echo "rabbitmq-server ready: $PACKIT_AMQP_URL"
}
start_rabbitmq

# An MIT KDC, Apache httpd (mod_ssl, mod_auth_gssapi) in front of the sandbox and python3-kdcproxy,
# for RealKerberosTest in packit-testkit (see .ci/kerberos.sh and docs/authentication.md).
# shellcheck source=/dev/null
source "$(dirname "${BASH_SOURCE[0]}")/kerberos.sh"
start_kerberos

# PostgreSQL for packit-bot's job history tests (see .ci/postgres.sh and docs/bot-config.md).
# shellcheck source=/dev/null
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
start_postgresql
