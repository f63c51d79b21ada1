package dev.packit.fedora.messaging;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Anitya (release-monitoring.org) found new upstream versions:
 * {@code org.release-monitoring.prod.anitya.project.version.update.v2}.
 *
 * <pre>{@code
 * if (m instanceof AnityaVersionUpdate u) {
 *   String fedoraName = u.packages().get("Fedora");   // null when not mapped
 * }
 * }</pre>
 *
 * @param envelope the raw message
 * @param projectId Anitya project id
 * @param projectName Anitya project name
 * @param ecosystem ecosystem such as {@code pypi}, empty when absent
 * @param version the project's newest version
 * @param oldVersion the version before, empty when absent
 * @param upstreamVersions the versions found in this check
 * @param stableVersions all known stable versions, newest first
 * @param packages distribution name to package name, e.g. {@code Fedora -> python-foo}
 */
public record AnityaVersionUpdate(
    MessageEnvelope envelope,
    long projectId,
    String projectName,
    String ecosystem,
    String version,
    String oldVersion,
    List<String> upstreamVersions,
    List<String> stableVersions,
    Map<String, String> packages) implements FedoraMessage {

  /** Validates and freezes the components. */
  public AnityaVersionUpdate {
    Objects.requireNonNull(envelope, "envelope == null");
    Objects.requireNonNull(projectName, "projectName == null");
    Objects.requireNonNull(ecosystem, "ecosystem == null");
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(oldVersion, "oldVersion == null");
    upstreamVersions = List.copyOf(upstreamVersions);
    stableVersions = List.copyOf(stableVersions);
    packages = Map.copyOf(packages);
  }
}
