package dev.packit.fedora.workflow;

import dev.packit.core.config.PackitConfig;
import dev.packit.core.rpm.RpmVersion;
import dev.packit.fedora.messaging.AnityaVersionUpdate;
import dev.packit.fedora.messaging.NewHotnessUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Input of pull_from_upstream: a Fedora package, the new upstream version (from the-new-hotness or
 * Anitya), the config read from dist-git and the dist-git branches.
 *
 * <pre>{@code
 * NewHotnessUpdate event = ...;                         // from fedora-messaging
 * PackitConfig config = workflow.distGitConfig(event.packageName());
 * var request = PullFromUpstreamRequest.from(event, config, List.of("rawhide", "f43"));
 * Plan plan = workflow.planPullFromUpstream(request);
 * }</pre>
 *
 * @param config the package configuration, read from the dist-git default branch
 * @param packageName the Fedora (dist-git) package
 * @param version the new upstream version
 * @param branches the dist-git branches, aliases resolved
 * @param resolvedBugs bugs the update resolves, e.g. {@code rhbz#2106196} (the "is available" bug)
 * @param anityaProjectId the release-monitoring.org project, 0 when unknown
 */
public record PullFromUpstreamRequest(PackitConfig config, String packageName, String version, List<String> branches,
    List<String> resolvedBugs, long anityaProjectId) {
  /** Validates the components. */
  public PullFromUpstreamRequest {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(packageName, "packageName");
    if (packageName.isBlank() || packageName.contains("/")) {
      throw new IllegalArgumentException("bad package name: '" + packageName + "'");
    }
    Objects.requireNonNull(version, "version");
    if (version.isBlank()) {
      throw new IllegalArgumentException("no upstream version for " + packageName);
    }
    branches = List.copyOf(branches);
    if (branches.isEmpty()) {
      throw new IllegalArgumentException("no dist-git branch to update");
    }
    resolvedBugs = List.copyOf(resolvedBugs);
  }

  /**
   * The request for a the-new-hotness "new version" bug: the highest of its upstream versions
   * (rpm order), resolving the bug.
   *
   * @param event the {@code hotness.update.bug.file} message
   * @param config the config from dist-git
   * @param branches the dist-git branches
   * @return the request
   * @throws IllegalArgumentException when the message names no version
   */
  public static PullFromUpstreamRequest from(NewHotnessUpdate event, PackitConfig config, List<String> branches) {
    List<String> versions = new ArrayList<>(event.upstreamVersions());
    if (!event.version().isEmpty()) {
      versions.add(event.version());
    }
    String newest = versions.stream().reduce((a, b) -> RpmVersion.rpmvercmp(a, b) >= 0 ? a : b).orElse("");
    List<String> bugs = event.bugId() > 0 ? List.of("rhbz#" + event.bugId()) : List.of();
    return new PullFromUpstreamRequest(config, event.packageName(), newest, branches, bugs, event.anityaProjectId());
  }

  /**
   * The request for an Anitya version update of a project mapped to a Fedora package.
   *
   * @param event the {@code anitya.project.version.update.v2} message
   * @param config the config from dist-git
   * @param branches the dist-git branches
   * @return the request
   * @throws IllegalArgumentException when the project has no Fedora package or no version
   */
  public static PullFromUpstreamRequest from(AnityaVersionUpdate event, PackitConfig config, List<String> branches) {
    String pkg = event.packages().get("Fedora");
    if (pkg == null) {
      throw new IllegalArgumentException("Anitya project " + event.projectName() + " is not mapped to a Fedora package");
    }
    return new PullFromUpstreamRequest(config, pkg, event.version(), branches, List.of(), event.projectId());
  }
}
