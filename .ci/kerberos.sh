# Sourced by .ci/services.sh (or by hand: `source .ci/kerberos.sh --start`): the real
# Kerberos servers RealKerberosTest (packit-testkit) logs in through, all on 127.0.0.1:
#   - an MIT KDC (krb5kdc) for the test realm PACKIT.TEST, with a bot (keytab), a user (password),
#     HTTP/localhost (Apache's keytab), a stale keytab (key rotated after export) and a keytab whose
#     principal was deleted;
#   - Apache httpd with mod_ssl (a test CA made here; TLS 1.3 by default) and mod_auth_gssapi in front
#     of the sandbox's Koji hub and lookaside, which the test JVM serves on a fixed loopback port;
#     the authenticated user reaches the sandbox as X-Remote-User (stripped from client requests);
#   - a second vhost that asks for a client certificate on /kojihub/ssllogin only (Koji's setup,
#     post-handshake authentication under TLS 1.3);
#   - python3-kdcproxy under mod_wsgi at /KdcProxy (MS-KKDCP), checked with MIT kinit (krb5-k5tls).
# Idempotent: a second run with the daemons up only exports the variables; anything else starts over.

kerberos_fail() {
  echo "kerberos setup: $1; log tail:" >&2
  shift
  for f in "$@"; do
    [ -f "$f" ] && { echo "== $f" >&2; tail -n 40 "$f" >&2; }
  done
  return 1
}

kerberos_alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

kerberos_stop() { # pidfile: stop a daemon this script started, and wait until its ports are free
  kerberos_alive "$1" || return 0
  local pid deadline=$((SECONDS + 15))
  pid=$(cat "$1")
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    [ "$SECONDS" -ge "$deadline" ] && { kill -9 "$pid" 2>/dev/null || true; break; }
    sleep 0.2
  done
}

kerberos_wait_port() { # host port seconds
  local deadline=$((SECONDS + $3))
  until (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

kerberos_export() {
  local d=$1
  export PACKIT_KRB_DIR="$d"
  export PACKIT_KDC_REALM=PACKIT.TEST
  export PACKIT_KDC_ADDRESS="127.0.0.1:$KDC_PORT"
  export PACKIT_KRB5_CONF="$d/krb5.conf"
  # MIT's view through the KdcProxy only (kdc = https://...); the JDK cannot read it without a bridge
  export PACKIT_KRB5_CONF_KDCPROXY="$d/krb5-kdcproxy.conf"
  export PACKIT_HTTPD_URL="https://localhost:$HTTPD_PORT"
  export PACKIT_HTTPD_CERT_URL="https://localhost:$HTTPD_CERT_PORT"
  export PACKIT_KDCPROXY_URL="https://localhost:$HTTPD_PORT/KdcProxy"
  export PACKIT_SANDBOX_PORT="$SANDBOX_PORT"
  export PACKIT_TEST_CA="$d/ca.pem"
  export PACKIT_BOT_PRINCIPAL=packit-bot@PACKIT.TEST
  export PACKIT_BOT_KEYTAB="$d/bot.keytab"
  export PACKIT_USER_PRINCIPAL=jdoe@PACKIT.TEST
  # a throw-away password of a throw-away realm, so the test can run MIT kinit itself
  export PACKIT_USER_PASSWORD=packit-test-password
}

start_kerberos() {
  local d=${PACKIT_KRB_DIR:-/tmp/packit-kerberos}
  KDC_PORT=${PACKIT_KDC_PORT:-60088}
  HTTPD_PORT=${PACKIT_HTTPD_PORT:-60443}
  HTTPD_CERT_PORT=${PACKIT_HTTPD_CERT_PORT:-60444}
  # The sandbox binds its port late (when RealKerberosTest starts), so it must lie below Linux's
  # ephemeral range (32768-60999): there, an earlier test's client socket can hold it.
  SANDBOX_PORT=${PACKIT_SANDBOX_PORT:-30080}
  local pkgs=(krb5-kdc krb5-admin-server krb5-user krb5-k5tls apache2 libapache2-mod-auth-gssapi
    libapache2-mod-wsgi-py3 python3-kdcproxy openssl)
  if declare -F install_packages >/dev/null; then
    install_packages "${pkgs[@]}"
  else
    local missing=()
    for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if [ ${#missing[@]} -gt 0 ]; then
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
  fi

  # up already, and proxying to the same sandbox port (the ready file holds it)
  if [ "$(cat "$d/ready" 2>/dev/null)" = "$SANDBOX_PORT" ] && kerberos_alive "$d/krb5kdc.pid" && kerberos_alive "$d/httpd.pid"; then
    kerberos_export "$d"
    echo "kerberos servers already running (state in $d)"
    return 0
  fi
  # start over: stop only daemons this script started (their pid files), then a fresh realm
  kerberos_stop "$d/httpd.pid"
  kerberos_stop "$d/krb5kdc.pid"
  rm -rf "$d"
  mkdir -p "$d/run"
  chmod 755 "$d"

  cat >"$d/krb5.conf" <<EOF
[libdefaults]
  default_realm = PACKIT.TEST
  dns_lookup_kdc = false
  dns_lookup_realm = false
  dns_canonicalize_hostname = false
  rdns = false
  ticket_lifetime = 24h
  renew_lifetime = 7d
[realms]
  PACKIT.TEST = {
    kdc = 127.0.0.1:$KDC_PORT
  }
[domain_realm]
  localhost = PACKIT.TEST
EOF
  sed -e "s|kdc = 127.0.0.1:$KDC_PORT|kdc = https://localhost:$HTTPD_PORT/KdcProxy\n    http_anchors = FILE:$d/ca.pem|" \
    "$d/krb5.conf" >"$d/krb5-kdcproxy.conf"
  cat >"$d/kdc.conf" <<EOF
[kdcdefaults]
  kdc_listen = 127.0.0.1:$KDC_PORT
  kdc_tcp_listen = 127.0.0.1:$KDC_PORT
[realms]
  PACKIT.TEST = {
    database_name = $d/principal
    key_stash_file = $d/stash
    acl_file = $d/kadm5.acl
    max_life = 24h
    max_renewable_life = 7d
  }
[logging]
  kdc = FILE:$d/krb5kdc.log
EOF
  : >"$d/kadm5.acl"

  local k=(env KRB5_CONFIG="$d/krb5.conf" KRB5_KDC_PROFILE="$d/kdc.conf")
  "${k[@]}" kdb5_util create -s -r PACKIT.TEST -P "$(head -c 24 /dev/urandom | base64)" >"$d/kdb5_util.log" 2>&1 ||
    kerberos_fail "kdb5_util create failed" "$d/kdb5_util.log" || return 1
  local q=(
    "addprinc -randkey HTTP/localhost"
    "ktadd -k $d/http.keytab HTTP/localhost"
    "addprinc -randkey +requires_preauth packit-bot"
    "ktadd -k $d/bot.keytab packit-bot"
    "addprinc -pw packit-test-password +requires_preauth jdoe"
    "addprinc -randkey +requires_preauth stale-bot"
    "ktadd -k $d/stale.keytab stale-bot"
    "cpw -randkey stale-bot"
    "addprinc -randkey +requires_preauth ghost"
    "ktadd -k $d/ghost.keytab ghost"
    "delprinc -force ghost"
  )
  local c
  for c in "${q[@]}"; do
    "${k[@]}" kadmin.local -r PACKIT.TEST -q "$c" >>"$d/kadmin.log" 2>&1 ||
      kerberos_fail "kadmin.local '$c' failed" "$d/kadmin.log" || return 1
  done
  chgrp www-data "$d/http.keytab" && chmod 640 "$d/http.keytab"
  chmod 644 "$d/bot.keytab" "$d/stale.keytab" "$d/ghost.keytab"

  echo "starting krb5kdc on 127.0.0.1:$KDC_PORT (realm PACKIT.TEST)"
  "${k[@]}" krb5kdc -r PACKIT.TEST -P "$d/krb5kdc.pid" >"$d/krb5kdc.out" 2>&1 ||
    kerberos_fail "krb5kdc did not start" "$d/krb5kdc.out" "$d/krb5kdc.log" || return 1
  kerberos_wait_port 127.0.0.1 "$KDC_PORT" 20 || kerberos_fail "krb5kdc is not listening on $KDC_PORT" "$d/krb5kdc.log" || return 1
  KRB5_CONFIG="$d/krb5.conf" KRB5CCNAME="FILE:$d/check.cc" kinit -k -t "$d/bot.keytab" packit-bot >"$d/kinit.log" 2>&1 ||
    kerberos_fail "kinit with the bot's keytab failed against the KDC" "$d/kinit.log" "$d/krb5kdc.log" || return 1
  rm -f "$d/check.cc"

  # a test CA, the server's certificate, a client certificate from it and one from another CA
  (
    cd "$d" || exit 1
    set -e
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj "/CN=Packit Test CA"
    openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost"
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.pem
    openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj "/CN=packit-bot"
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile client.ext -out client.pem
    openssl pkcs12 -export -in client.pem -inkey client.key -name client -passout pass:packit-test -out client.p12
    openssl req -x509 -newkey rsa:2048 -nodes -keyout rogue.key -out rogue.pem -days 2 -subj "/CN=packit-bot"
    openssl pkcs12 -export -in rogue.pem -inkey rogue.key -name client -passout pass:packit-test -out rogue.p12
    chmod 644 client.p12 rogue.p12
  ) >"$d/openssl.log" 2>&1 || kerberos_fail "openssl could not make the test certificates" "$d/openssl.log" || return 1

  cat >"$d/kdcproxy.conf" <<EOF
[global]
use_dns = false
[PACKIT.TEST]
kerberos = kerberos://127.0.0.1:$KDC_PORT
EOF
  cat >"$d/kdcproxy.wsgi" <<EOF
import os
os.environ["KDCPROXY_CONFIG"] = "$d/kdcproxy.conf"
from kdcproxy import application  # noqa: E402
EOF
  local m=/usr/lib/apache2/modules
  cat >"$d/httpd.conf" <<EOF
ServerName localhost
ServerRoot $d
PidFile $d/httpd.pid
DefaultRuntimeDir $d/run
Mutex file:$d/run default
ErrorLog $d/httpd-error.log
LogLevel warn ssl:info auth_gssapi:info
User www-data
Group www-data
LoadModule mpm_event_module $m/mod_mpm_event.so
LoadModule authn_core_module $m/mod_authn_core.so
LoadModule authz_core_module $m/mod_authz_core.so
LoadModule authz_user_module $m/mod_authz_user.so
LoadModule headers_module $m/mod_headers.so
LoadModule proxy_module $m/mod_proxy.so
LoadModule proxy_http_module $m/mod_proxy_http.so
LoadModule socache_shmcb_module $m/mod_socache_shmcb.so
LoadModule ssl_module $m/mod_ssl.so
LoadModule auth_gssapi_module $m/mod_auth_gssapi.so
LoadModule wsgi_module $m/mod_wsgi.so
LogFormat "%h %u \"%r\" %>s %b %{SSL_PROTOCOL}x" packit
CustomLog $d/httpd-access.log packit
SSLSessionCache shmcb:$d/run/ssl_scache(512000)
WSGISocketPrefix $d/run/wsgi
WSGIDaemonProcess kdcproxy processes=1 threads=4 display-name=packit-kdcproxy
Listen 127.0.0.1:$HTTPD_PORT
Listen 127.0.0.1:$HTTPD_CERT_PORT

# Kerberos vhost: Fedora's koji hub and lookaside (SPNEGO through mod_auth_gssapi) and the KdcProxy.
<VirtualHost 127.0.0.1:$HTTPD_PORT>
  SSLEngine on
  SSLCertificateFile $d/server.pem
  SSLCertificateKeyFile $d/server.key
  # never trust a user name a client sends; only mod_auth_gssapi's REMOTE_USER
  RequestHeader unset X-Remote-User early
  WSGIScriptAlias /KdcProxy $d/kdcproxy.wsgi
  <Location /KdcProxy>
    WSGIProcessGroup kdcproxy
    WSGIApplicationGroup %{GLOBAL}
    Require all granted
  </Location>
  ProxyPass /kojihub http://127.0.0.1:$SANDBOX_PORT/kojihub
  ProxyPass /lookaside http://127.0.0.1:$SANDBOX_PORT/lookaside
  <Location /kojihub/ssllogin>
    AuthType GSSAPI
    AuthName "Koji (Kerberos)"
    GssapiCredStore keytab:$d/http.keytab
    GssapiBasicAuth Off
    GssapiLocalName Off
    Require valid-user
    RequestHeader set X-Remote-User expr=%{REMOTE_USER}
  </Location>
  <Location /lookaside/pkgs/upload.cgi>
    AuthType GSSAPI
    AuthName "Lookaside (Kerberos)"
    GssapiCredStore keytab:$d/http.keytab
    GssapiBasicAuth Off
    GssapiLocalName Off
    Require valid-user
    RequestHeader set X-Remote-User expr=%{REMOTE_USER}
  </Location>
</VirtualHost>

# Certificate vhost: Koji's ssllogin with a client certificate asked for in the Location only
# (TLS 1.3: post-handshake authentication; TLS 1.2: renegotiation).
<VirtualHost 127.0.0.1:$HTTPD_CERT_PORT>
  SSLEngine on
  SSLCertificateFile $d/server.pem
  SSLCertificateKeyFile $d/server.key
  SSLCACertificateFile $d/ca.pem
  RequestHeader unset X-Remote-User early
  ProxyPass /kojihub http://127.0.0.1:$SANDBOX_PORT/kojihub
  <Location /kojihub/ssllogin>
    SSLVerifyClient require
    SSLVerifyDepth 1
    SSLOptions +StdEnvVars
    RequestHeader set X-Remote-User "%{SSL_CLIENT_S_DN_CN}s"
  </Location>
</VirtualHost>
EOF
  echo "starting apache2 on 127.0.0.1:$HTTPD_PORT (GSSAPI, KdcProxy) and :$HTTPD_CERT_PORT (client certificates)"
  KRB5_CONFIG="$d/krb5.conf" /usr/sbin/apache2 -f "$d/httpd.conf" -k start >"$d/httpd.out" 2>&1 ||
    kerberos_fail "apache2 did not start" "$d/httpd.out" "$d/httpd-error.log" || return 1
  kerberos_wait_port 127.0.0.1 "$HTTPD_PORT" 20 && kerberos_wait_port 127.0.0.1 "$HTTPD_CERT_PORT" 20 ||
    kerberos_fail "apache2 is not listening on $HTTPD_PORT/$HTTPD_CERT_PORT" "$d/httpd.out" "$d/httpd-error.log" || return 1

  # MIT's side of the KdcProxy: kinit reaches the KDC through HTTPS only (krb5-k5tls)
  local ok=0 i
  for i in 1 2 3 4 5; do
    if KRB5_CONFIG="$d/krb5-kdcproxy.conf" KRB5CCNAME="FILE:$d/check.cc" kinit -k -t "$d/bot.keytab" packit-bot \
      >"$d/kinit-kdcproxy.log" 2>&1; then
      ok=1
      break
    fi
    sleep 1
  done
  rm -f "$d/check.cc"
  [ "$ok" = 1 ] || kerberos_fail "MIT kinit through the KdcProxy failed" "$d/kinit-kdcproxy.log" "$d/httpd-error.log" \
    "$d/krb5kdc.log" || return 1

  echo "$SANDBOX_PORT" > "$d/ready"
  kerberos_export "$d"
  echo "kerberos servers ready: KDC $PACKIT_KDC_ADDRESS, httpd $PACKIT_HTTPD_URL and $PACKIT_HTTPD_CERT_URL," \
    "KdcProxy $PACKIT_KDCPROXY_URL (state in $d)"
}

# `source .ci/kerberos.sh --start` sets everything up and exports the variables into the caller's shell.
if [ "${1:-}" = "--start" ]; then
  start_kerberos
fi
