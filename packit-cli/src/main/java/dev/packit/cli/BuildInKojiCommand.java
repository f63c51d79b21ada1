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
 * {@code packit build-in-koji [PATH_OR_URL]}: Packit's {@code packit build in-koji}. Builds the
 * head of each dist-git branch in Koji, skipping branches whose NVR is already building or built.
 *
 * <pre>{@code
 * int exit = PackitCommand.execute("build-in-koji", "--dry-run", "--dist-git-branch", "f43", ".");
 * }</pre>
 */
@Command(name = "build-in-koji", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Build the dist-git branches of the package in Koji (Packit's 'build in-koji').",
        "PATH_OR_URL is a repository with the Packit config (upstream or dist-git; default: the current directory).",
        "Exit 0 when every branch is done or skipped, 1 when a branch failed, 2 on a usage or config error."})
final class BuildInKojiCommand extends JobCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH_OR_URL",
      description = "A local path or a git URL of the repository with the Packit config (default: the current directory).")
  String pathOrUrl = ".";

  @Option(names = "--dist-git-branch", split = ",", paramLabel = "BRANCH",
      description = "Comma separated dist-git branches or aliases to build (default: the koji_build job's dist_git_branches).")
  List<String> distGitBranches = new ArrayList<>();

  @Option(names = "--scratch", description = "Submit scratch builds.")
  boolean scratch;

  @Option(names = {"-p", "--package"}, paramLabel = "NAME", description = "The package of a monorepo config.")
  String packageName = "";

  @Override
  Planned plan(WorkflowListener listener) {
    PackageTarget target = packageTarget(pathOrUrl, packageName);
    String pkg = target.packageName();
    List<String> branches = branches(distGitBranches, target.config(), JobType.KOJI_BUILD, packageName);
    Preflight.branchesExist(services, user, pkg, branches);
    ReleaseWorkflow wf = services.workflow(java.util.Optional.empty(), work, listener, PrPolicy.UPDATE);
    return new Planned(wf, wf.planKojiBuild(pkg, branches, scratch));
  }
}
