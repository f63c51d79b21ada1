# Sourced by .ci/services.sh (or by hand: `source .ci/postgres.sh && start_postgresql`): Debian's
# PostgreSQL for packit-bot's history tests (JdbcJobHistoryPostgresTest), on 127.0.0.1 only.
# Uses the default cluster (pg_createcluster/pg_ctlcluster, owned by the postgres user) and makes a
# login role and a database for the tests, with a password made up on each run.
# Exports PACKIT_TEST_POSTGRES_URL, PACKIT_TEST_POSTGRES_USER and PACKIT_TEST_POSTGRES_PASSWORD.
# Idempotent: a second run finds the cluster up and only resets the test role's password.

start_postgresql() {
  if declare -F install_packages >/dev/null; then
    install_packages postgresql
  elif ! dpkg -s postgresql >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  local version port
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  # the package creates "main" unless /etc/postgresql-common/createcluster.conf says otherwise
  if ! pg_lsclusters --no-header | awk '{print $1" "$2}' | grep -qx "$version main"; then
    pg_createcluster "$version" main >/dev/null
  fi
  # Loopback only (Debian's default is localhost, which may include ::1 too: say it exactly), in
  # conf.d, which Debian's postgresql.conf includes, so the packaged file stays untouched.
  printf "listen_addresses = '127.0.0.1'\n" >"/etc/postgresql/$version/main/conf.d/packit-ci.conf"
  port=$(pg_conftool -s "$version" main show port)
  if ! pg_lsclusters --no-header | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -qx online; then
    echo "starting PostgreSQL $version/main on 127.0.0.1:$port"
    pg_ctlcluster "$version" main start || {
      tail -n 40 "/var/log/postgresql/postgresql-$version-main.log" >&2 || true
      return 1
    }
  fi
  local deadline=$((SECONDS + 60))
  until runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$port"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "PostgreSQL did not start within 60 s; log tail:" >&2
      tail -n 40 "/var/log/postgresql/postgresql-$version-main.log" >&2 || true
      return 1
    fi
    sleep 1
  done
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  # pg_hba.conf's Debian default asks for scram-sha-256 on 127.0.0.1: a real password login.
  runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p "$port" -v pw="$password" >/dev/null <<'SQL'
SELECT format('CREATE ROLE packit_test LOGIN PASSWORD %L', :'pw')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'packit_test') \gexec
SELECT format('ALTER ROLE packit_test LOGIN PASSWORD %L', :'pw') \gexec
SELECT 'CREATE DATABASE packit_test OWNER packit_test'
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'packit_test') \gexec
SQL
  export PACKIT_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/packit_test"
  export PACKIT_TEST_POSTGRES_USER=packit_test
  export PACKIT_TEST_POSTGRES_PASSWORD="$password"
  echo "PostgreSQL ready: $PACKIT_TEST_POSTGRES_URL (user $PACKIT_TEST_POSTGRES_USER)"
}
