package dev.packit.fedora.koji;

import org.jspecify.annotations.Nullable;
import java.util.Map;

/**
 * A side tag, as {@code createSideTag} or {@code listSideTags} return it.
 *
 * <pre>{@code
 * KojiSideTag side = koji.createSideTag("f41-build");   // f41-build-side-12345, also a target
 * koji.build(KojiBuildRequest.of(src, side.name()));
 * }</pre>
 *
 * @param id tag id
 * @param name tag name (also the name of its build target)
 * @param userName owner's user name, {@code null} when not sent
 */
public record KojiSideTag(long id, String name, @Nullable String userName) {
  /**
   * Reads a side-tag struct.
   *
   * @param struct the decoded struct
   * @return the side tag
   */
  public static KojiSideTag fromStruct(Object struct) {
    Map<String, Object> m = KojiStructs.map(struct, "side tag");
    return new KojiSideTag(KojiStructs.requireLong(m, "id", "side tag"), KojiStructs.requireString(m, "name", "side tag"),
        KojiStructs.optString(m, "user_name"));
  }
}
