package dev.packit.fedora.messaging;

import java.util.Objects;

/**
 * A build was tagged: {@code buildsys.tag}.
 *
 * <pre>{@code
 * if (m instanceof KojiTag t && t.sideTag()) {
 *   System.out.println(t.nvr() + " landed in side tag " + t.tag());
 * }
 * }</pre>
 *
 * @param envelope the raw message
 * @param tag tag name, e.g. {@code f40-build-side-12345}
 * @param tagId tag id
 * @param buildId build id
 * @param name package name
 * @param version version
 * @param release release
 * @param user who tagged it, empty when absent
 * @param owner owner of the build, empty when absent
 * @param instance Koji instance, empty when absent
 */
public record KojiTag(
    MessageEnvelope envelope,
    String tag,
    long tagId,
    long buildId,
    String name,
    String version,
    String release,
    String user,
    String owner,
    String instance) implements FedoraMessage {

  /** Validates the components. */
  public KojiTag {
    Objects.requireNonNull(envelope, "envelope == null");
    Objects.requireNonNull(tag, "tag == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(release, "release == null");
    Objects.requireNonNull(user, "user == null");
    Objects.requireNonNull(owner, "owner == null");
    Objects.requireNonNull(instance, "instance == null");
  }

  /**
   * Returns name-version-release.
   *
   * @return the NVR
   */
  public String nvr() {
    return name + "-" + version + "-" + release;
  }

  /**
   * Whether the tag is a side tag (its name contains {@code -side-}, as Packit checks).
   *
   * @return {@code true} for a side tag
   */
  public boolean sideTag() {
    return tag.contains("-side-");
  }
}
