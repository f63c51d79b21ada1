package dev.packit.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code targets}: chroots or aliases, as a list or as a mapping with per-target options.
 *
 * <pre>{@code
 * Targets t = Targets.of("fedora-stable", "epel-9");
 * t.names();   // [fedora-stable, epel-9]
 * }</pre>
 *
 * @param entries target to its options
 * @param mappingForm whether it was written as a mapping
 */
public record Targets(Map<String, TargetOptions> entries, boolean mappingForm) {
  /** No targets configured. */
  public static final Targets EMPTY = new Targets(Map.of(), false);

  /** Copies the entries, keeping their order. */
  public Targets {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** The list form. */
  public static Targets of(String... targets) {
    LinkedHashMap<String, TargetOptions> m = new LinkedHashMap<>();
    for (String t : targets) {
      m.put(t, TargetOptions.NONE);
    }
    return new Targets(m, false);
  }

  /** The configured targets or aliases. */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }
}
