package dev.packit.fedora.koji;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Koji task, as {@code getTaskInfo} and {@code listTasks} return it.
 *
 * <pre>{@code
 * KojiTask t = koji.getTaskInfo(80860894).orElseThrow();
 * if (t.state().isFinal()) { ... }
 * }</pre>
 *
 * @param id task id
 * @param state task state
 * @param method task method, e.g. {@code build}
 * @param ownerId owner's user id
 * @param parent parent task, {@code null} for top-level tasks
 * @param arch task arch
 * @param priority priority
 * @param createTime creation time, {@code null} when not sent
 * @param startTime start time, {@code null} when not started
 * @param completionTime completion time, {@code null} while running
 * @param request the request parameters when asked for ({@code request=True}), else empty
 * @param raw every field as the hub sent it
 */
public record KojiTask(long id, KojiTaskState state, String method, long ownerId, @Nullable Long parent, String arch,
    long priority, @Nullable Instant createTime, @Nullable Instant startTime, @Nullable Instant completionTime, List<Object> request,
    Map<String, Object> raw) {

  /** Validates the required parts. */
  public KojiTask {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(method, "method == null");
    request = request == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(request));
    raw = raw == null ? Map.of() : raw;
  }

  /**
   * Reads a task struct.
   *
   * @param struct the decoded struct
   * @return the task
   * @throws IllegalArgumentException when a required field is missing or mistyped
   */
  public static KojiTask fromStruct(Object struct) {
    Map<String, Object> m = KojiStructs.map(struct, "task");
    long id = KojiStructs.requireLong(m, "id", "task");
    String what = "task " + id;
    Long owner = KojiStructs.optLong(m, "owner");
    Long priority = KojiStructs.optLong(m, "priority");
    List<?> request = m.get("request") instanceof List ? (List<?>) m.get("request") : List.of();
    return new KojiTask(id, KojiTaskState.fromCode((int) KojiStructs.requireLong(m, "state", what)),
        KojiStructs.requireString(m, "method", what), owner == null ? 0 : owner, KojiStructs.optLong(m, "parent"),
        KojiStructs.optString(m, "arch"), priority == null ? 0 : priority, KojiStructs.optInstant(m, "create"),
        KojiStructs.optInstant(m, "start"), KojiStructs.optInstant(m, "completion"), new java.util.ArrayList<Object>(request), m);
  }
}
