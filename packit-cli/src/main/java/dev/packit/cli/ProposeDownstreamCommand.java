package dev.packit.cli;

import dev.packit.core.config.JobType;
import picocli.CommandLine.Command;

/**
 * {@code packit propose-downstream [PATH_OR_URL] [VERSION]}: Packit's command of the same name.
 * Reads the Packit config of the upstream repository, and proposes the release to each dist-git
 * branch as a pull request (plan first; {@code --dry-run} prints only the plan).
 *
 * <pre>{@code
 * int exit = PackitCommand.execute("propose-downstream", "--dry-run", "https://github.com/o/hello.git", "1.2.0");
 * }</pre>
 */
@Command(name = "propose-downstream", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Land a new upstream release in Fedora, using the Packit config of the upstream repository.",
        "PATH_OR_URL is the upstream repository (a local clone or a git URL); VERSION defaults to the latest release.",
        "Exit 0 when every branch is done or skipped, 1 when a branch failed, 2 on a usage or config error."})
final class ProposeDownstreamCommand extends ReleaseJobCommand {
  @Override
  JobType job() {
    return JobType.PROPOSE_DOWNSTREAM;
  }
}
