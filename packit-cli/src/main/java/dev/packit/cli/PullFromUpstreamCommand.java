package dev.packit.cli;

import dev.packit.core.config.JobType;
import picocli.CommandLine.Command;

/**
 * {@code packit pull-from-upstream [PATH_OR_URL] [VERSION]}: Packit's command of the same name.
 * Reads the Packit config in dist-git; the archive comes from the spec's Source URLs for the new
 * version, release notes and the latest version from {@code upstream_project_url} when its forge
 * is known.
 *
 * <pre>{@code
 * int exit = PackitCommand.execute("pull-from-upstream", "--dry-run", "https://src.fedoraproject.org/rpms/hello.git", "1.2.0");
 * }</pre>
 */
@Command(name = "pull-from-upstream", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Land a new upstream release in Fedora, using the Packit config in dist-git.",
        "PATH_OR_URL is the dist-git repository (a local clone or a git URL); VERSION defaults to the latest release "
            + "of upstream_project_url.",
        "Exit 0 when every branch is done or skipped, 1 when a branch failed, 2 on a usage or config error."})
final class PullFromUpstreamCommand extends ReleaseJobCommand {
  @Override
  JobType job() {
    return JobType.PULL_FROM_UPSTREAM;
  }
}
