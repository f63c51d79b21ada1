package dev.packit.fedora.koji;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call for {@link KojiClient#multiCall}: a method with positional and keyword arguments.
 *
 * <pre>{@code
 * KojiCall c = KojiCall.of("getTaskInfo", List.of(80860894L), Map.of("request", true));
 * }</pre>
 *
 * @param method the XML-RPC method
 * @param args positional arguments
 * @param kwargs keyword arguments (sent Koji's way, in a {@code __starstar} struct)
 */
public record KojiCall(String method, List<Object> args, Map<String, Object> kwargs) {
  /** Validates and freezes. */
  public KojiCall {
    Objects.requireNonNull(method, "method == null");
    args = Collections.unmodifiableList(new java.util.ArrayList<>(args));
    kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
  }

  /**
   * A call with positional arguments.
   *
   * @param method the method
   * @param args positional arguments
   * @return the call
   */
  public static KojiCall of(String method, Object... args) {
    return new KojiCall(method, java.util.Arrays.asList(args), Map.of());
  }

  /**
   * A call with positional and keyword arguments.
   *
   * @param method the method
   * @param args positional arguments
   * @param kwargs keyword arguments
   * @return the call
   */
  public static KojiCall of(String method, List<?> args, Map<String, ?> kwargs) {
    return new KojiCall(method, new java.util.ArrayList<>(args), new LinkedHashMap<>(kwargs));
  }
}
