package dev.packit.fedora.internal.xmlrpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Koji's keyword-argument convention: keyword arguments travel as a trailing struct holding
 * {@code __starstar = true} ({@code koji.encode_args} / {@code decode_args}).
 *
 * <pre>{@code
 * List<Object> params = KojiArgs.encode(List.of("f41-candidate"), Map.of("strict", true));
 * KojiArgs.Decoded d = KojiArgs.decode(call.params());   // args ["f41-candidate"], kwargs {strict=true}
 * }</pre>
 */
public final class KojiArgs {
  /** The marker member name. */
  public static final String MARKER = "__starstar";

  private KojiArgs() {}

  /**
   * Positional and keyword arguments of a call.
   *
   * @param args positional arguments
   * @param kwargs keyword arguments, insertion-ordered
   */
  public record Decoded(List<Object> args, Map<String, Object> kwargs) {
    /** Freezes both. */
    public Decoded {
      args = Collections.unmodifiableList(new ArrayList<>(args));
      kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    /**
     * Returns a positional argument, else the keyword argument, else the default.
     *
     * @param index position of the parameter in the Python signature
     * @param name name of the parameter
     * @param dflt value when neither is present
     * @return the argument
     */
    public Object arg(int index, String name, Object dflt) {
      if (index < args.size()) {
        return args.get(index);
      }
      return kwargs.containsKey(name) ? kwargs.get(name) : dflt;
    }
  }

  /**
   * Folds keyword arguments into the parameter list.
   *
   * @param args positional arguments
   * @param kwargs keyword arguments; none adds no struct
   * @return the XML-RPC parameters
   */
  public static List<Object> encode(List<?> args, Map<String, ?> kwargs) {
    List<Object> out = new ArrayList<>(args);
    if (kwargs != null && !kwargs.isEmpty()) {
      Map<String, Object> kw = new LinkedHashMap<>(kwargs);
      kw.put(MARKER, Boolean.TRUE);
      out.add(kw);
    }
    return out;
  }

  /**
   * Splits XML-RPC parameters into positional and keyword arguments.
   *
   * @param params the decoded parameters
   * @return the arguments
   */
  public static Decoded decode(List<Object> params) {
    if (!params.isEmpty() && params.get(params.size() - 1) instanceof Map) {
      Map<?, ?> last = (Map<?, ?>) params.get(params.size() - 1);
      if (Boolean.TRUE.equals(last.get(MARKER))) {
        Map<String, Object> kw = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : last.entrySet()) {
          if (!MARKER.equals(e.getKey())) {
            kw.put(String.valueOf(e.getKey()), e.getValue());
          }
        }
        return new Decoded(params.subList(0, params.size() - 1), kw);
      }
    }
    return new Decoded(params, Map.of());
  }
}
