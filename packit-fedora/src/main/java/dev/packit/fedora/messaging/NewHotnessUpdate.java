package dev.packit.fedora.messaging;

import java.util.List;
import java.util.Objects;

/**
 * the-new-hotness filed (or updated) the "new version available" bug for a Fedora package:
 * {@code hotness.update.bug.file}. This is what starts Packit's {@code pull_from_upstream}.
 *
 * <pre>{@code
 * if (m instanceof NewHotnessUpdate h) {
 *   workflow.pullFromUpstream(h.packageName(), h.version(), "rhbz#" + h.bugId());
 * }
 * }</pre>
 *
 * @param envelope the raw message
 * @param packageName the Fedora package
 * @param bugId the Bugzilla bug, or 0 when absent
 * @param version the newest upstream version from the triggering Anitya message, empty when absent
 * @param upstreamVersions all versions of the triggering Anitya message
 * @param anityaProjectId Anitya project id, or 0 when absent
 * @param anityaProjectName Anitya project name, empty when absent
 * @param triggerTopic topic of the Anitya message that triggered it, empty when absent
 */
public record NewHotnessUpdate(
    MessageEnvelope envelope,
    String packageName,
    long bugId,
    String version,
    List<String> upstreamVersions,
    long anityaProjectId,
    String anityaProjectName,
    String triggerTopic) implements FedoraMessage {

  /** Validates and freezes the components. */
  public NewHotnessUpdate {
    Objects.requireNonNull(envelope, "envelope == null");
    Objects.requireNonNull(packageName, "packageName == null");
    Objects.requireNonNull(version, "version == null");
    upstreamVersions = List.copyOf(upstreamVersions);
    Objects.requireNonNull(anityaProjectName, "anityaProjectName == null");
    Objects.requireNonNull(triggerTopic, "triggerTopic == null");
  }
}
