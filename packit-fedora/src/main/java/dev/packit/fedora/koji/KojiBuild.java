package dev.packit.fedora.koji;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A Koji build, as {@code getBuild}, {@code listBuilds} and {@code listTagged} return it.
 *
 * <pre>{@code
 * KojiBuild b = koji.getBuild("python-ogr-0.34.0-1.fc40").orElseThrow();
 * if (b.state() == KojiBuildState.COMPLETE) { ... b.nvr() ... }
 * }</pre>
 *
 * @param id build id
 * @param packageId package id
 * @param name package name
 * @param version version
 * @param release release, e.g. {@code 1.fc40}
 * @param epoch epoch, {@code null} when none
 * @param nvr name-version-release
 * @param state build state
 * @param taskId the build task, {@code null} for imported builds
 * @param ownerName owner's user name
 * @param source the source URL ({@code git+https://...#sha}), {@code null} when unknown
 * @param creationTime when the build was created, {@code null} when not sent
 * @param completionTime when it finished, {@code null} while building
 * @param raw every field as the hub sent it
 */
public record KojiBuild(long id, long packageId, String name, String version, String release, @Nullable Long epoch,
    String nvr, KojiBuildState state, @Nullable Long taskId, String ownerName, @Nullable String source, @Nullable Instant creationTime,
    @Nullable Instant completionTime, Map<String, Object> raw) {

  /** Validates the required parts. */
  public KojiBuild {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(release, "release == null");
    Objects.requireNonNull(nvr, "nvr == null");
    Objects.requireNonNull(state, "state == null");
    raw = raw == null ? Map.of() : raw;
  }

  /**
   * Reads a build struct.
   *
   * @param struct the decoded struct
   * @return the build
   * @throws IllegalArgumentException when a required field is missing or mistyped
   */
  public static KojiBuild fromStruct(Object struct) {
    Map<String, Object> m = KojiStructs.map(struct, "build");
    long id = m.containsKey("build_id") ? KojiStructs.requireLong(m, "build_id", "build") : KojiStructs.requireLong(m, "id", "build");
    String what = "build " + id;
    String name = m.get("name") instanceof String ? (String) m.get("name") : KojiStructs.requireString(m, "package_name", what);
    String version = KojiStructs.requireString(m, "version", what);
    String release = KojiStructs.requireString(m, "release", what);
    String nvr = m.get("nvr") instanceof String ? (String) m.get("nvr") : name + "-" + version + "-" + release;
    Long pkg = KojiStructs.optLong(m, "package_id");
    String source = KojiStructs.optString(m, "source");
    if (source == null && m.get("extra") instanceof Map && ((Map<?, ?>) m.get("extra")).get("source") instanceof Map) {
      Object u = ((Map<?, ?>) ((Map<?, ?>) m.get("extra")).get("source")).get("original_url");
      source = u == null ? null : u.toString();
    }
    return new KojiBuild(id, pkg == null ? 0 : pkg, name, version, release, KojiStructs.optLong(m, "epoch"), nvr,
        KojiBuildState.fromCode((int) KojiStructs.requireLong(m, "state", what)), KojiStructs.optLong(m, "task_id"),
        KojiStructs.optString(m, "owner_name"), source, KojiStructs.optInstant(m, "creation"),
        KojiStructs.optInstant(m, "completion"), m);
  }
}
