package dev.packit.core.config;

import java.util.List;

/**
 * Per-target options of the mapping form of {@code targets} (Copr / Testing Farm).
 *
 * <pre>{@code
 * TargetOptions o = new TargetOptions(List.of("centos-7"), List.of(), List.of(), "", List.of(), List.of());
 * }</pre>
 *
 * @param distros Testing Farm distros for this target
 * @param additionalPackages extra packages in the chroot
 * @param additionalRepos extra repositories
 * @param additionalModules modules, comma separated (Copr stores a string)
 * @param withOpts rpmbuild {@code --with} options
 * @param withoutOpts rpmbuild {@code --without} options
 */
public record TargetOptions(List<String> distros, List<String> additionalPackages, List<String> additionalRepos,
    String additionalModules, List<String> withOpts, List<String> withoutOpts) {
  /** No options. */
  public static final TargetOptions NONE = new TargetOptions(List.of(), List.of(), List.of(), "", List.of(), List.of());

  /** Copies the lists. */
  public TargetOptions {
    distros = List.copyOf(distros);
    additionalPackages = List.copyOf(additionalPackages);
    additionalRepos = List.copyOf(additionalRepos);
    additionalModules = additionalModules == null ? "" : additionalModules;
    withOpts = List.copyOf(withOpts);
    withoutOpts = List.copyOf(withoutOpts);
  }
}
