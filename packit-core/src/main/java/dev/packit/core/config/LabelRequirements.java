package dev.packit.core.config;

import java.util.List;

/**
 * {@code require.label}: labels a merged dist-git PR must (not) carry for koji_build to run.
 *
 * <pre>{@code
 * LabelRequirements r = new LabelRequirements(List.of("ready"), List.of("skip-build"));
 * }</pre>
 *
 * @param present labels that must be present
 * @param absent labels that must be absent
 */
public record LabelRequirements(List<String> present, List<String> absent) {
  /** No requirements. */
  public static final LabelRequirements NONE = new LabelRequirements(List.of(), List.of());

  /** Copies the lists. */
  public LabelRequirements {
    present = List.copyOf(present);
    absent = List.copyOf(absent);
  }
}
