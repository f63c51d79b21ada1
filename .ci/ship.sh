#!/usr/bin/env bash
# Shipping checks, run by .ci/run after the tests (each step can also run alone):
#   .ci/ship.sh [deploy] [notices] [consumer] [reproducible] [rpm]     (no argument: all, in order)
#
# deploy       clean build #1 of the whole reactor (no tests), deployed to a file repository under
#              $PACKIT_SHIP_WORK (never to the network); the published modules must all be there
#              with their SBOMs, and the unpublished ones (examples, benchmarks) must not.
# notices      every library bundled in packit.jar is listed in THIRD-PARTY.txt and in the spec's
#              bundled() provides; the jar carries LICENSE, NOTICE, THIRD-PARTY.txt. The same for
#              packit-bot.jar against packit-bot/src/shade/THIRD-PARTY.txt (no RPM ships it: no spec
#              check), plus each license text its THIRD-PARTY.txt names under META-INF/licenses/.
# consumer     .ci/consumer (a user's project, outside the reactor) resolves packit-bom,
#              packit-fedora and packit-testkit from that file repository only and runs a sandbox test.
# reproducible clean build #2, compared file by file with build #1 (maven-artifact-plugin compare).
# rpm          rpmbuild -bb packaging/packit-java.spec from the distribution tarball; the RPM's
#              packit runs --version, validate-config on .packit.yaml and spec show on the spec.
#
# Every build here uses a fresh local repository and .ci/settings.xml: dev.packit snapshots come
# only from the reactor or the file repository (never from ~/.m2, where nothing is written either),
# third-party artifacts from ~/.m2/repository read as a releases-only remote (or Central).
# Plugins are named by groupId:artifactId (versions from the parent's pluginManagement): prefix
# look-ups would need Central's group metadata.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# Outside the tree: both builds start with clean, which would delete anything under target/.
work=${PACKIT_SHIP_WORK:-${TMPDIR:-/tmp}/packit-ship}
m2=${PACKIT_M2:-$HOME/.m2/repository}
repo=$work/repo
# The reactor's version: the first <version> of the parent pom.
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
published=(packit-parent packit-bom packit-core packit-forge packit-fedora packit-testkit packit-bot packit-cli)
unpublished=(packit-examples packit-example-jshell packit-example-bot packit-benchmarks)

fail() { echo "ship: $*" >&2; exit 1; }
step() { echo "== ship: $*"; }
mvn_isolated() {
  local local_repo=$1; shift
  rm -rf "$local_repo"
  PACKIT_CONSUMER_REPO="file://$repo" PACKIT_CONSUMER_M2="file://$m2" \
    ./mvnw -B -q -s .ci/settings.xml -Dmaven.repo.local="$local_repo" "$@"
}

deploy() {
  step "deploy $version to file:$repo (clean build #1, no tests)"
  rm -rf "$repo"
  mkdir -p "$work"
  mvn_isolated "$work/m2-build1" clean deploy -DskipTests \
      -DaltDeploymentRepository="local::file:$repo" \
      org.apache.maven.plugins:maven-dependency-plugin:list -DincludeScope=runtime -DoutputFile=target/runtime-deps.txt \
      -DexcludeGroupIds=dev.packit -Dsort=true
  local a d
  for a in "${published[@]}"; do
    d=$repo/dev/packit/$a/$version
    [ -f "$d/maven-metadata.xml" ] || fail "$a was not deployed to $d"
    ls "$d"/*.pom >/dev/null 2>&1 || fail "$a: no POM in $d"
  done
  for a in packit-core packit-forge packit-fedora packit-testkit packit-bot; do
    d=$repo/dev/packit/$a/$version
    for c in .jar -sources.jar -javadoc.jar -cyclonedx.json; do
      ls "$d"/"$a"-*"$c" >/dev/null 2>&1 || fail "$a: no *$c deployed (Central needs sources and javadoc; the SBOM is ours)"
    done
  done
  for c in .jar -cyclonedx.json -dist.tar.gz -dist.zip; do
    ls "$repo/dev/packit/packit-cli/$version"/packit-cli-*"$c" >/dev/null 2>&1 || fail "packit-cli: no *$c deployed"
  done
  for a in "${unpublished[@]}"; do
    [ ! -e "$repo/dev/packit/$a" ] || fail "$a is not for publishing but was deployed"
  done
}

notices() {
  step "notices: packit.jar's bundled libraries against THIRD-PARTY.txt and the spec"
  local deps=packit-cli/target/runtime-deps.txt third=packit-cli/src/shade/THIRD-PARTY.txt
  local spec=packaging/packit-java.spec jar=packit-cli/target/packit.jar
  [ -f "$deps" ] || fail "$deps is missing: run the deploy step first"
  local ga v missing=0
  while read -r ga v; do
    grep -Eq "^$ga +$v " "$third" || { echo "ship: $ga $v is bundled in packit.jar but not listed in $third" >&2; missing=1; }
    grep -Fq "bundled(mvn($ga)) = $v" "$spec" || { echo "ship: $ga $v has no 'Provides: bundled(mvn($ga)) = $v' in $spec" >&2; missing=1; }
  done < <(sed -n 's/^ *\([^: ]*\):\([^: ]*\):jar:\([^: ]*\):\(compile\|runtime\).*/\1:\2 \3/p' "$deps")
  [ "$missing" = 0 ] || fail "update the notices above"
  local n
  n=$(grep -Ec '^[^ ]+:[^ ]+ +[^ ]+ +' "$third" || true)
  [ "$n" = "$(grep -c ':jar:' "$deps")" ] || fail "$third lists $n libraries, packit.jar bundles $(grep -c ':jar:' "$deps"): remove the ones no longer bundled"
  local entries
  entries=$("${JAVA_HOME:+$JAVA_HOME/bin/}jar" tf "$jar")
  for f in META-INF/LICENSE META-INF/NOTICE META-INF/THIRD-PARTY.txt META-INF/licenses/Apache-2.0.txt; do
    grep -qx "$f" <<<"$entries" || fail "$jar has no $f"
  done
  bot_notices
}

# packit-bot.jar (java -jar packit-bot.jar --config ...): the bot's runtime libraries, H2 and the
# PostgreSQL driver among them, against its own THIRD-PARTY.txt.
bot_notices() {
  step "notices: packit-bot.jar's bundled libraries against its THIRD-PARTY.txt"
  local deps=packit-bot/target/runtime-deps.txt third=packit-bot/src/shade/THIRD-PARTY.txt
  local jar=packit-bot/target/packit-bot.jar
  [ -f "$deps" ] || fail "$deps is missing: run the deploy step first"
  [ -f "$jar" ] || fail "$jar is missing: run the deploy step first"
  local ga v missing=0
  while read -r ga v; do
    grep -Eq "^$ga +$v " "$third" || { echo "ship: $ga $v is bundled in packit-bot.jar but not listed in $third" >&2; missing=1; }
  done < <(sed -n 's/^ *\([^: ]*\):\([^: ]*\):jar:\([^: ]*\):\(compile\|runtime\).*/\1:\2 \3/p' "$deps")
  [ "$missing" = 0 ] || fail "update the notices above"
  local n
  n=$(grep -Ec '^[^ ]+:[^ ]+ +[^ ]+ +' "$third" || true)
  [ "$n" = "$(grep -c ':jar:' "$deps")" ] || fail "$third lists $n libraries, packit-bot.jar bundles $(grep -c ':jar:' "$deps"): remove the ones no longer bundled"
  local entries f
  entries=$("${JAVA_HOME:+$JAVA_HOME/bin/}jar" tf "$jar")
  for f in META-INF/LICENSE META-INF/NOTICE META-INF/THIRD-PARTY.txt; do
    grep -qx "$f" <<<"$entries" || fail "$jar has no $f"
  done
  # every license file THIRD-PARTY.txt points to is in the jar
  for f in $(grep -o 'META-INF/licenses/[A-Za-z0-9.-]*\.txt' "$third" | sort -u); do
    grep -qx "$f" <<<"$entries" || fail "$jar has no $f (named in $third)"
  done
  # the services the bot finds at run time survived the merge: both JDBC drivers, Flyway's
  # PostgreSQL support, the built-in forges
  local services
  services=$(unzip -p "$jar" META-INF/services/java.sql.Driver)
  grep -qx org.h2.Driver <<<"$services" && grep -qx org.postgresql.Driver <<<"$services" \
      || fail "$jar: META-INF/services/java.sql.Driver lacks H2 or PostgreSQL: $services"
  unzip -p "$jar" META-INF/services/org.flywaydb.core.extensibility.Plugin | grep -q 'database.postgresql' \
      || fail "$jar: Flyway's PostgreSQL plugin is not registered"
  unzip -p "$jar" META-INF/services/dev.packit.forge.spi.ForgeProvider | grep -q . \
      || fail "$jar: no forge provider is registered"
}

consumer() {
  step "consumer: .ci/consumer against file:$repo only"
  [ -d "$repo/dev/packit" ] || fail "$repo has no dev.packit artifacts: run the deploy step first"
  local local_repo=$work/m2-consumer
  # A fresh local repository: no dev.packit artifact can come from an earlier build or ~/.m2.
  rm -rf .ci/consumer/target
  mvn_isolated "$local_repo" -f .ci/consumer/pom.xml -Dpackit.version="$version" verify
  # Proof of origin: each dev.packit artifact's metadata came from the file repository.
  local a
  for a in packit-bom packit-fedora packit-testkit packit-forge packit-core packit-parent; do
    [ -f "$local_repo/dev/packit/$a/$version/maven-metadata-packit-local.xml" ] \
      || fail "the consumer's $a did not come from the file repository (packit-local)"
  done
  grep -q 'Tests run: 1, Failures: 0, Errors: 0, Skipped: 0' \
      .ci/consumer/target/surefire-reports/*.txt || fail "the consumer's sandbox test did not run"
}

reproducible() {
  step "reproducible: clean build #2 compared with build #1 (artifact:compare)"
  [ -d "$repo/dev/packit" ] || fail "$repo has no reference build: run the deploy step first"
  # Javadoc is not compared (the plugin ignores it by default), so build #2 skips it; the modules
  # that are not published have no reference and are left out.
  local skip_unpublished
  # (packit-benchmarks is outside the default reactor: the benchmarks profile.)
  skip_unpublished=$(printf '!%s,' packit-examples packit-examples/jshell packit-examples/bot)
  mvn_isolated "$work/m2-build2" clean verify -DskipTests -Dmaven.javadoc.skip=true \
      -pl "${skip_unpublished%,}" \
      org.apache.maven.plugins:maven-artifact-plugin:compare -Dreference.repo="local::file://$repo"
  # Maven failed above on any difference; the aggregate result (all modules) is in the root's target/.
  local summary
  summary=$(ls target/*.buildcompare)
  awk -F= '$1=="ok"{ok=$2} $1=="ko"{ko=$2}
      END {printf "ship: reproducible: %d files identical, %d different\n", ok, ko; exit ko > 0}' "$summary"
}

rpm_build() {
  step "rpm: rpmbuild -bb packaging/packit-java.spec"
  local tarball=packit-cli/target/packit-$version-dist.tar.gz top=$work/rpmbuild rootfs=$work/rpmroot
  [ -f "$tarball" ] || fail "$tarball is missing: run the deploy step first"
  rm -rf "$top" "$rootfs"
  mkdir -p "$top/SOURCES" "$rootfs"
  cp "$tarball" "$top/SOURCES/"
  rpmbuild -bb --quiet -D "_topdir $top" -D "upstream_version $version" packaging/packit-java.spec
  local rpm_file
  rpm_file=$(ls "$top"/RPMS/noarch/packit-java-*.noarch.rpm)
  # Install into a scratch root (no scripts, no dependency check: Debian has no java-headless).
  rpm -i --nodeps --noscripts --root "$rootfs" --dbpath "$rootfs/var/lib/rpm" "$rpm_file" 2>&1 \
      | grep -v 'use Alien\|assuming you know' || true
  local out
  out=$("$rootfs/usr/bin/packit" --version)
  echo "$out"
  grep -q "^packit-java $version\$" <<<"$out" || fail "the RPM's packit --version printed '$out'"
  "$rootfs/usr/bin/packit" validate-config .packit.yaml
  "$rootfs/usr/bin/packit" spec show packaging/packit-java.spec
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(deploy notices consumer reproducible rpm)
for s in "${steps[@]}"; do
  case "$s" in
    deploy|notices|consumer|reproducible) "$s" ;;
    rpm) rpm_build ;;
    *) fail "unknown step '$s' (deploy, notices, consumer, reproducible, rpm)" ;;
  esac
done
