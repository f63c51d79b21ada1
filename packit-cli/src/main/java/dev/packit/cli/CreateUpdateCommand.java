package dev.packit.cli;

import dev.packit.core.config.JobType;
import dev.packit.fedora.workflow.PrPolicy;
import dev.packit.fedora.workflow.ReleaseWorkflow;
import dev.packit.fedora.workflow.WorkflowListener;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code packit create-update [PATH_OR_URL]}: Packit's command of the same name. Creates a Bodhi
 * update per branch for the given Koji builds, or for the build of each branch head; skips a
 * branch whose build is not complete or is already in an update.
 *
 * <pre>{@code
 * int exit = PackitCommand.execute("create-update", "--dry-run", "--dist-git-branch", "f43", ".");
 * }</pre>
 */
@Command(name = "create-update", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Create Bodhi updates for the package's Koji builds.",
        "PATH_OR_URL is a repository with the Packit config (upstream or dist-git; default: the current directory).",
        "Exit 0 when every branch is done or skipped, 1 when a branch failed, 2 on a usage or config error."})
final class CreateUpdateCommand extends JobCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH_OR_URL",
      description = "A local path or a git URL of the repository with the Packit config (default: the current directory).")
  String pathOrUrl = ".";

  @Option(names = "--dist-git-branch", split = ",", paramLabel = "BRANCH",
      description = "Comma separated dist-git branches or aliases (default: the bodhi_update job's dist_git_branches).")
  List<String> distGitBranches = new ArrayList<>();

  @Option(names = "--koji-build", paramLabel = "NVR",
      description = "Koji build to put in the update (repeatable; default: the build of each branch head).")
  List<String> kojiBuilds = new ArrayList<>();

  @Option(names = "--update-notes", paramLabel = "TEXT", description = "Bodhi update notes.")
  String notes = "";

  @Option(names = "--update-type", paramLabel = "TYPE",
      description = "security, bugfix, enhancement (default) or newpackage.")
  UpdateType type = UpdateType.enhancement;

  @Option(names = {"-p", "--package"}, paramLabel = "NAME", description = "The package of a monorepo config.")
  String packageName = "";

  /** Bodhi's update types. */
  enum UpdateType { security, bugfix, enhancement, newpackage }

  @Override
  Planned plan(WorkflowListener listener) {
    PackageTarget target = packageTarget(pathOrUrl, packageName);
    String pkg = target.packageName();
    List<String> branches = branches(distGitBranches, target.config(), JobType.BODHI_UPDATE, packageName);
    Preflight.branchesExist(services, user, pkg, branches);
    // A mistyped NVR is an error, not a skipped branch.
    Preflight.kojiBuildsExist(services, user, pkg, kojiBuilds);
    ReleaseWorkflow wf = services.workflow(java.util.Optional.empty(), work, listener, PrPolicy.UPDATE);
    return new Planned(wf, wf.planBodhiUpdate(pkg, branches, kojiBuilds, type.name(), notes));
  }
}
