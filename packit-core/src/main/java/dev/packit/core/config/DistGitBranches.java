package dev.packit.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dist_git_branches}: a list of branches or aliases, or a mapping whose values may name
 * branches to fast-forward after the key branch is updated.
 *
 * <pre>{@code
 * DistGitBranches b = DistGitBranches.of("fedora-all", "epel-9");
 * DistGitBranches ff = DistGitBranches.mapping(Map.of("rawhide", List.of("fedora-branched")));
 * ff.fastForwardMergeInto("rawhide");   // [fedora-branched]
 * }</pre>
 *
 * @param entries branch or alias to the branches merged into from it (empty list: none)
 * @param mappingForm whether it was written as a mapping
 */
public record DistGitBranches(Map<String, List<String>> entries, boolean mappingForm) {
  /** No branches configured. */
  public static final DistGitBranches EMPTY = new DistGitBranches(Map.of(), false);

  /** Copies the entries, keeping their order. */
  public DistGitBranches {
    LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
    entries.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    entries = Collections.unmodifiableMap(copy);
  }

  /** The list form. */
  public static DistGitBranches of(String... branches) {
    return of(List.of(branches));
  }

  /** The list form. */
  public static DistGitBranches of(List<String> branches) {
    LinkedHashMap<String, List<String>> m = new LinkedHashMap<>();
    branches.forEach(b -> m.put(b, List.of()));
    return new DistGitBranches(m, false);
  }

  /** The mapping form with {@code fast_forward_merge_into} lists. */
  public static DistGitBranches mapping(Map<String, List<String>> fastForwards) {
    return new DistGitBranches(fastForwards, true);
  }

  /** The configured branches or aliases (the keys in the mapping form). */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /** The {@code fast_forward_merge_into} list of one key (empty when none). */
  public List<String> fastForwardMergeInto(String key) {
    return entries.getOrDefault(key, List.of());
  }

  /** Whether nothing is configured. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }
}
