package dev.packit.bot.reconcile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is, for one package: the latest upstream release propose_downstream would take, and each
 * configured dist-git branch.
 *
 * <pre>{@code
 * PackageState state = observer.observe(watched, road);
 * state.branch("f43").flatMap(BranchState::nvr);
 * }</pre>
 *
 * @param packageName the dist-git package
 * @param release the latest upstream release, empty when upstream has none that passes the config
 * @param branches one entry per configured branch that exists in dist-git
 */
public record PackageState(String packageName, Optional<UpstreamRelease> release, List<BranchState> branches) {
  /** Validates the components. */
  public PackageState {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(release, "release");
    branches = List.copyOf(branches);
  }

  /**
   * One branch.
   *
   * @param name the branch
   * @return its state, empty when not observed
   */
  public Optional<BranchState> branch(String name) {
    return branches.stream().filter(b -> b.branch().equals(name)).findFirst();
  }
}
