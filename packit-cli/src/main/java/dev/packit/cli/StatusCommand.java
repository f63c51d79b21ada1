package dev.packit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.packit.core.PackitException;
import dev.packit.core.config.JobType;
import dev.packit.core.spec.Nevr;
import dev.packit.core.spec.SpecFile;
import dev.packit.core.spec.SpecOptions;
import dev.packit.fedora.bodhi.BodhiClient;
import dev.packit.fedora.bodhi.BodhiReleases;
import dev.packit.fedora.bodhi.BodhiUpdate;
import dev.packit.fedora.bodhi.UpdateQuery;
import dev.packit.fedora.koji.KojiBuild;
import dev.packit.fedora.workflow.WorkflowListener;
import dev.packit.forge.FileContent;
import dev.packit.forge.PrState;
import dev.packit.forge.PullRequest;
import dev.packit.forge.RepoId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code packit status [PATH_OR_URL]}: Packit's command of the same name, per dist-git branch: the
 * version on the branch, its open pull requests, the Koji build of the branch head's NVR and the
 * Bodhi update that contains it. Reads only.
 *
 * <pre>{@code
 * int exit = PackitCommand.execute("status", "--dist-git-branch", "f43", ".");
 * }</pre>
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Per dist-git branch: the version, open pull requests, the Koji build of the head and its Bodhi update.",
        "PATH_OR_URL is a repository with the Packit config (upstream or dist-git; default: the current directory).",
        "Exit 0, or 2 on a usage or config error (a branch that does not exist, an unreachable service)."})
final class StatusCommand extends JobCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH_OR_URL",
      description = "A local path or a git URL of the repository with the Packit config (default: the current directory).")
  String pathOrUrl = ".";

  @Option(names = "--dist-git-branch", split = ",", paramLabel = "BRANCH",
      description = "Comma separated dist-git branches or aliases (default: every branch the config's jobs name).")
  List<String> distGitBranches = new ArrayList<>();

  @Option(names = {"-p", "--package"}, paramLabel = "NAME", description = "The package of a monorepo config.")
  String packageName = "";

  /**
   * One branch's state.
   *
   * @param branch the dist-git branch
   * @param nvr the NVR of the branch head's spec, or empty when it has none
   * @param pullRequests the open pull requests into the branch ({@code #N url})
   * @param build the Koji state of that NVR, or {@code not built}
   * @param update the Bodhi update with that NVR ({@code alias status}), or {@code -}
   */
  record Row(String branch, String nvr, List<String> pullRequests, String build, String update) {}

  @Override
  Planned plan(WorkflowListener listener) {
    throw new IllegalStateException("status does not plan");
  }

  @Override
  Integer runInstead() {
    PackageTarget target = packageTarget(pathOrUrl, packageName);
    String pkg = target.packageName();
    List<String> branches;
    if (!distGitBranches.isEmpty()) {
      branches = branches(distGitBranches, target.config(), JobType.PROPOSE_DOWNSTREAM, packageName);
    } else {
      Set<String> all = new LinkedHashSet<>();
      for (JobType t : List.of(JobType.PROPOSE_DOWNSTREAM, JobType.PULL_FROM_UPSTREAM, JobType.KOJI_BUILD, JobType.BODHI_UPDATE)) {
        if (!target.config().jobViews(t).isEmpty()) {
          all.addAll(branches(List.of(), target.config(), t, packageName));
        }
      }
      branches = all.isEmpty() ? List.of(user.instances().defaultBranch()) : List.copyOf(all);
    }
    Preflight.branchesExist(services, user, pkg, branches);
    RepoId repo = RepoId.of(user.instances().namespace() + "/" + pkg);
    List<PullRequest> open = services.distGit.pullRequests(repo, PrState.OPEN).toList();
    List<Row> rows = new ArrayList<>();
    for (String branch : branches) {
      Optional<String> nvr = headNvr(repo, pkg, branch);
      List<String> prs = open.stream().filter(pr -> pr.targetBranch().equals(branch))
          .map(pr -> "#" + pr.number() + " " + (pr.webUrl() == null ? pr.title() : pr.webUrl().toString())).toList();
      String build = "-";
      String update = "-";
      if (nvr.isPresent()) {
        build = services.koji.getBuild(nvr.get()).map(KojiBuild::state).map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("not built");
        List<BodhiUpdate> updates = services.bodhi.allUpdates(UpdateQuery.builder().builds(List.of(nvr.get())).build());
        update = updates.isEmpty() ? "-" : updates.get(0).alias() + " " + updates.get(0).status();
      }
      rows.add(new Row(branch, nvr.orElse("(no " + pkg + ".spec)"), prs, build, update));
    }
    if (output == Output.json) {
      ObjectMapper mapper = new ObjectMapper();
      ArrayNode arr = mapper.createArrayNode();
      for (Row r : rows) {
        ObjectNode o = arr.addObject().put("branch", r.branch()).put("nvr", r.nvr()).put("build", r.build()).put("update", r.update());
        r.pullRequests().forEach(o.putArray("pull_requests")::add);
        if (r.pullRequests().isEmpty()) {
          o.putArray("pull_requests");
        }
      }
      io.outRaw(arr.toPrettyString() + "\n");
      return OK;
    }
    io.out("Status of " + repo.fullName() + " on " + user.instances().distGit().getHost());
    io.out(String.format("%-10s  %-28s  %-11s  %-32s  %s", "BRANCH", "HEAD NVR", "KOJI", "UPDATE", "OPEN PULL REQUESTS"));
    for (Row r : rows) {
      io.out(String.format("%-10s  %-28s  %-11s  %-32s  %s", r.branch(), r.nvr(), r.build(), r.update(),
          r.pullRequests().isEmpty() ? "-" : String.join(", ", r.pullRequests())));
    }
    return OK;
  }

  private Optional<String> headNvr(RepoId repo, String pkg, String branch) {
    Optional<FileContent> spec = services.distGit.file(repo, pkg + ".spec", branch);
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    try {
      Nevr n = SpecFile.parse(spec.get().text()).nevr(SpecOptions.builder().define("dist " + BodhiReleases.distTag(branch, services.bodhi)).build());
      return Optional.of(n.name() + "-" + n.version() + "-" + n.release());
    } catch (PackitException e) {
      verbose("cannot read " + pkg + ".spec on " + branch + ": " + e.getMessage());
      return Optional.empty();
    }
  }

}
