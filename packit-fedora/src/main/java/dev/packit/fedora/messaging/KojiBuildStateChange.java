package dev.packit.fedora.messaging;

import org.jspecify.annotations.Nullable;
import dev.packit.fedora.koji.KojiBuildState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Koji build changed state: {@code buildsys.build.state.change}.
 *
 * <pre>{@code
 * if (m instanceof KojiBuildStateChange b
 *     && b.newState() == KojiBuildState.COMPLETE && "build".equals(b.taskMethod())) {
 *   bodhi.createUpdate(b.branch().orElseThrow(), b.nvr());
 * }
 * }</pre>
 *
 * <p>For rpm builds Koji's {@code request} is {@code [scm URL, target, options]}; the SCM URL,
 * target and scratch flag are taken from it. For other build kinds (images) they are empty.
 *
 * @param envelope the raw message
 * @param buildId Koji build id
 * @param taskId Koji task id, or {@code null} for imported builds
 * @param name package name
 * @param version version
 * @param release release
 * @param epoch epoch, or {@code null} when none
 * @param owner owner of the build, empty when absent
 * @param oldState state before, or {@code null} for a build that just started
 * @param newState state now
 * @param scmUrl {@code git+https://...#sha} the build came from, empty when not an SCM build
 * @param target Koji target such as {@code rawhide} or {@code f42-candidate}, empty when unknown
 * @param scratch whether the build options asked for a scratch build
 * @param taskMethod method of the build's task ({@code build}, {@code image}, ...), empty when
 *     the message has no task tree; rpm builds from an SCM URL count as {@code build}
 * @param creationTime when the build was created, or {@code null} when absent
 * @param completionTime when the build finished, or {@code null} while it runs
 * @param instance Koji instance, {@code primary} on Fedora
 */
public record KojiBuildStateChange(
    MessageEnvelope envelope,
    long buildId,
    @Nullable Long taskId,
    String name,
    String version,
    String release,
    @Nullable String epoch,
    String owner,
    @Nullable KojiBuildState oldState,
    KojiBuildState newState,
    String scmUrl,
    String target,
    boolean scratch,
    String taskMethod,
    @Nullable Instant creationTime,
    @Nullable Instant completionTime,
    String instance) implements FedoraMessage {

  /** Validates the components. */
  public KojiBuildStateChange {
    Objects.requireNonNull(envelope, "envelope == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(release, "release == null");
    Objects.requireNonNull(owner, "owner == null");
    Objects.requireNonNull(newState, "newState == null");
    Objects.requireNonNull(scmUrl, "scmUrl == null");
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(taskMethod, "taskMethod == null");
    Objects.requireNonNull(instance, "instance == null");
  }

  /**
   * Returns name-version-release.
   *
   * @return the NVR, e.g. {@code packit-0.43.0-1.fc36}
   */
  public String nvr() {
    return name + "-" + version + "-" + release;
  }

  /**
   * Returns the dist-git branch built: the target without {@code -candidate}.
   *
   * @return {@code rawhide}, {@code f42}, {@code epel8}..., or empty when the target is unknown
   */
  public Optional<String> branch() {
    if (target.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(target.endsWith("-candidate") ? target.substring(0, target.length() - "-candidate".length()) : target);
  }

  /**
   * Returns the commit from the SCM URL ({@code ...#<sha>}).
   *
   * @return the commit, or empty when the build has no SCM URL
   */
  public Optional<String> commit() {
    int hash = scmUrl.lastIndexOf('#');
    return hash < 0 || hash == scmUrl.length() - 1 ? Optional.empty() : Optional.of(scmUrl.substring(hash + 1));
  }

  /**
   * Returns the repository path from the SCM URL, e.g. {@code rpms/packit} for
   * {@code git+https://src.fedoraproject.org/rpms/packit.git#sha}.
   *
   * @return the repository path, or empty when the build has no SCM URL
   */
  public Optional<String> repositoryPath() {
    if (scmUrl.isEmpty()) {
      return Optional.empty();
    }
    String url = scmUrl;
    int hash = url.indexOf('#');
    if (hash >= 0) {
      url = url.substring(0, hash);
    }
    int q = url.indexOf('?');
    if (q >= 0) {
      url = url.substring(0, q);
    }
    int scheme = url.indexOf("://");
    int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    if (slash < 0) {
      return Optional.empty();
    }
    String path = url.substring(slash + 1);
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    return path.isEmpty() ? Optional.empty() : Optional.of(path);
  }
}
