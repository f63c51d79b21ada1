package dev.packit.fedora.koji;

import java.util.Map;

/**
 * A build target: where builds for it are built and tagged.
 *
 * <pre>{@code
 * KojiBuildTarget t = koji.getBuildTarget("f41-candidate").orElseThrow();
 * String dest = t.destTagName();   // f41-updates-candidate
 * }</pre>
 *
 * @param id target id
 * @param name target name
 * @param buildTagId build tag id
 * @param buildTagName build tag name
 * @param destTagId destination tag id
 * @param destTagName destination tag name
 */
public record KojiBuildTarget(long id, String name, long buildTagId, String buildTagName, long destTagId, String destTagName) {
  /**
   * Reads a target struct.
   *
   * @param struct the decoded struct
   * @return the target
   */
  public static KojiBuildTarget fromStruct(Object struct) {
    Map<String, Object> m = KojiStructs.map(struct, "build target");
    String name = KojiStructs.requireString(m, "name", "build target");
    String what = "build target " + name;
    return new KojiBuildTarget(KojiStructs.requireLong(m, "id", what), name, KojiStructs.requireLong(m, "build_tag", what),
        KojiStructs.requireString(m, "build_tag_name", what), KojiStructs.requireLong(m, "dest_tag", what),
        KojiStructs.requireString(m, "dest_tag_name", what));
  }
}
