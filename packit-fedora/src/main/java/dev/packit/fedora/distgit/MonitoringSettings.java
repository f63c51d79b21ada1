package dev.packit.fedora.distgit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.packit.core.InputLocation;
import dev.packit.core.InvalidInputException;
import dev.packit.core.http.HttpRequest;
import dev.packit.core.http.HttpResponse;
import dev.packit.core.http.HttpService;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A package's release-monitoring settings, as the-new-hotness reads them from
 * {@code monitoring.toml} on dist-git's {@code rawhide} branch (the file replaces Pagure's
 * "Monitoring status" setting, which Forgejo does not have):
 *
 * <pre>{@code
 * # monitoring.toml
 * monitoring = true
 * bugzilla = true
 * all_versions = false
 * stable_only = true
 * scratch_build = false
 * }</pre>
 *
 * <pre>{@code
 * MonitoringSettings s = MonitoringSettings.parse(text, "rpms/hello/monitoring.toml@rawhide");
 * if (!s.monitoring()) { ... pull_from_upstream does not run ... }
 * }</pre>
 *
 * <p>Missing keys take the-new-hotness's defaults (monitoring off, Bugzilla on, the rest off).
 * Only the flat form the file uses is read: {@code key = value} lines with booleans, strings or
 * integers, comments and blank lines; a table, an array or a malformed line is an
 * {@link InvalidInputException} naming the line and column.
 *
 * @param monitoring whether new upstream versions are acted on at all
 * @param bugzilla whether a Bugzilla ticket is filed
 * @param allVersions every version, not only the newest
 * @param stableOnly stable versions only
 * @param scratchBuild whether a scratch build is started
 */
public record MonitoringSettings(boolean monitoring, boolean bugzilla, boolean allVersions, boolean stableOnly,
    boolean scratchBuild) {
  /** The file name on the rawhide branch. */
  public static final String FILE = "monitoring.toml";

  /** Monitoring off: what a package without the file has once dist-git is on Forgejo. */
  public static final MonitoringSettings OFF = new MonitoringSettings(false, false, false, false, false);

  private static final Set<String> BOOLEANS = Set.of("monitoring", "bugzilla", "all_versions", "stable_only", "scratch_build");

  /**
   * Parses {@code monitoring.toml}.
   *
   * @param text the file
   * @param source where it came from, for error messages
   * @return the settings
   * @throws InvalidInputException naming the line and column of the first problem
   */
  public static MonitoringSettings parse(String text, String source) {
    Objects.requireNonNull(text, "text == null");
    InputLocation file = InputLocation.of(source == null ? FILE : source);
    boolean monitoring = false;
    boolean bugzilla = true;
    boolean all = false;
    boolean stable = false;
    boolean scratch = false;
    Set<String> seen = new HashSet<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int col = line.indexOf(trimmed) + 1;
      if (trimmed.startsWith("[")) {
        throw new InvalidInputException(file.at(i + 1, col), "tables are not part of monitoring.toml: " + trimmed);
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException(file.at(i + 1, col), "expected key = value");
      }
      String key = trimmed.substring(0, eq).strip();
      if (!key.matches("[A-Za-z0-9_-]+")) {
        throw new InvalidInputException(file.at(i + 1, col), "not a bare key: " + key);
      }
      if (!seen.add(key)) {
        throw new InvalidInputException(file.at(i + 1, col).field(key), "key " + key + " is defined twice");
      }
      String value = withoutComment(trimmed.substring(eq + 1).strip());
      int valueCol = line.indexOf('=', col - 1) + 2;
      if (BOOLEANS.contains(key)) {
        if (!value.equals("true") && !value.equals("false")) {
          throw new InvalidInputException(file.at(i + 1, valueCol).field(key), key + " must be true or false, not " + value);
        }
        boolean b = value.equals("true");
        switch (key) {
          case "monitoring" -> monitoring = b;
          case "bugzilla" -> bugzilla = b;
          case "all_versions" -> all = b;
          case "stable_only" -> stable = b;
          default -> scratch = b;
        }
      } else if (!value.matches("true|false|[+-]?\\d+|\"[^\"\\\\]*\"")) {
        // unknown keys are kept for forward compatibility, but must still be simple values
        throw new InvalidInputException(file.at(i + 1, valueCol).field(key), "unsupported value for " + key + ": " + value);
      }
    }
    return new MonitoringSettings(monitoring, bugzilla, all, stable, scratch);
  }

  private static String withoutComment(String v) {
    if (v.startsWith("\"")) {
      int close = v.indexOf('"', 1);
      if (close > 0) {
        String rest = v.substring(close + 1).strip();
        return rest.isEmpty() || rest.startsWith("#") ? v.substring(0, close + 1) : v;
      }
      return v;
    }
    int hash = v.indexOf('#');
    return (hash < 0 ? v : v.substring(0, hash)).strip();
  }

  /**
   * Pagure's legacy answer, {@code GET <instance>/_dg/anitya/<namespace>/<pkg>}, for packages
   * that have no {@code monitoring.toml} while dist-git still runs on Pagure. Statuses:
   * {@code no-monitoring}, {@code monitoring}, {@code monitoring-with-scratch},
   * {@code monitoring-all}, {@code monitoring-all-scratch}, {@code monitoring-stable},
   * {@code monitoring-stable-scratch}.
   *
   * <pre>{@code
   * Optional<MonitoringSettings> s = MonitoringSettings.legacyPagure(http, URI.create("https://src.fedoraproject.org/"), "rpms", "hello");
   * }</pre>
   *
   * @param http the HTTP service (its retries apply)
   * @param instance the Pagure root, ending in {@code /}
   * @param namespace {@code rpms}
   * @param pkg the package
   * @return the settings; empty when the endpoint does not answer with a known status (a Forgejo host, a 404)
   */
  public static Optional<MonitoringSettings> legacyPagure(HttpService http, URI instance, String namespace, String pkg) {
    URI uri = instance.resolve("_dg/anitya/" + DistGitLayout.checkName(namespace) + "/" + DistGitLayout.checkName(pkg));
    try (HttpResponse r = http.exchangeBuffered(HttpRequest.builder("GET", uri).header("Accept", "application/json").build())) {
      if (r.status() != 200) {
        return Optional.empty();
      }
      JsonNode n = HttpService.defaultObjectMapper().readTree(r.bytes());
      return legacyStatus(n == null ? "" : n.path("monitoring").asText(""));
    } catch (IOException e) {
      return Optional.empty(); // not JSON: not the endpoint
    }
  }

  /**
   * Maps a legacy Pagure monitoring status.
   *
   * @param status such as {@code monitoring-stable-scratch}
   * @return the settings, empty for an unknown status
   */
  public static Optional<MonitoringSettings> legacyStatus(String status) {
    String s = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "no-monitoring" -> Optional.of(new MonitoringSettings(false, false, false, false, false));
      case "monitoring" -> Optional.of(new MonitoringSettings(true, true, false, false, false));
      case "monitoring-with-scratch" -> Optional.of(new MonitoringSettings(true, true, false, false, true));
      case "monitoring-all" -> Optional.of(new MonitoringSettings(true, true, true, false, false));
      case "monitoring-all-scratch" -> Optional.of(new MonitoringSettings(true, true, true, false, true));
      case "monitoring-stable" -> Optional.of(new MonitoringSettings(true, true, false, true, false));
      case "monitoring-stable-scratch" -> Optional.of(new MonitoringSettings(true, true, false, true, true));
      default -> Optional.empty();
    };
  }
}
