package dev.packit.fedora.jobs;

import dev.packit.core.config.JobType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One job to plan, with everything its planner needs: the package, the dist-git branches, the
 * config as text, and what the trigger said (tag, version, commit, build). Requests come out of
 * {@link dev.packit.fedora.workflow.JobDispatcher#dispatch(Trigger, dev.packit.core.config.PackitConfig)},
 * go through a queue as {@link #toJson()} and into
 * {@link dev.packit.fedora.workflow.ReleaseWorkflow#plan(JobRequest)}.
 *
 * <pre>{@code
 * String json = request.toJson();                    // {"kind":"koji_build","on":"push",...}
 * JobRequest again = JobRequest.fromJson(json);      // equal to request
 * System.out.println(again.kind() + " of " + again.packageName() + " on " + again.branches());
 * Plan plan = workflow.plan(again);
 * }</pre>
 *
 * <p>{@link #kind()} is the {@code .packit.yaml} job name; {@link #on()} says which of a job's
 * triggers this is ({@code push}, {@code request}, {@code side_tag}, ...). The pair names the
 * record and is the JSON discriminator.
 *
 * @since 0.2.0
 */
public sealed interface JobRequest permits JobRequest.ProposeDownstream, JobRequest.PullFromUpstream,
    JobRequest.KojiBuildOnPush, JobRequest.KojiBuildOnRequest, JobRequest.SideTagBuild, JobRequest.SideTagUpdate,
    JobRequest.BodhiUpdateOnBuild, JobRequest.BodhiUpdateOnRequest {

  /**
   * The job type.
   *
   * @return the type
   */
  JobType jobType();

  /**
   * Which trigger of the job this is, e.g. {@code push} or {@code request} for koji_build.
   *
   * @return the trigger name, stable (part of the JSON form)
   */
  String on();

  /**
   * The package: the dist-git package, or the monorepo entry of an upstream config.
   *
   * @return the package name
   */
  String packageName();

  /**
   * The dist-git branches, aliases resolved.
   *
   * @return the branches, never empty
   */
  List<String> branches();

  /**
   * The config the job was dispatched with.
   *
   * @return the config text
   */
  ConfigText config();

  /**
   * The {@code .packit.yaml} job name.
   *
   * @return e.g. {@code koji_build}
   */
  default String kind() {
    return jobType().yamlName();
  }

  /**
   * The stable JSON form (see {@link #fromJson(String)}).
   *
   * @return one line of JSON
   */
  default String toJson() {
    return JobRequestJson.write(this);
  }

  /**
   * Reads the JSON form back.
   *
   * @param json text from {@link #toJson()}
   * @return the request
   * @throws dev.packit.core.InvalidInputException naming the field when the JSON is malformed, has an
   *     unknown kind, or misses a field
   */
  static JobRequest fromJson(String json) {
    return JobRequestJson.read(json, "job request");
  }

  /**
   * propose_downstream of an upstream release (a release webhook, or a comment command).
   *
   * @param packageName the package (the config's single package or a monorepo entry)
   * @param branches the dist-git branches
   * @param config the upstream config, read at the tag
   * @param upstreamForge the upstream forge's kind, lower case ({@code github}, {@code gitlab}, ...)
   * @param upstreamRepository the upstream repository, {@code namespace/name}
   * @param tag the release tag
   * @param commitSha the tag's commit when the webhook said, else empty
   * @param releaseNotes the release's description, may be empty
   * @param reportIssue the issue or pull request to report to (a comment command's), 0 for none
   */
  record ProposeDownstream(String packageName, List<String> branches, ConfigText config, String upstreamForge,
      String upstreamRepository, String tag, String commitSha, String releaseNotes, long reportIssue) implements JobRequest {
    /** Validates the components. */
    public ProposeDownstream {
      branches = Checks.branches(branches);
      Checks.notNull(packageName, "package", config, upstreamForge, upstreamRepository, commitSha, releaseNotes);
      Checks.notBlank(tag, "tag");
      Checks.notBlank(upstreamRepository, "upstream_repository");
    }

    @Override
    public JobType jobType() {
      return JobType.PROPOSE_DOWNSTREAM;
    }

    @Override
    public String on() {
      return "release";
    }
  }

  /**
   * pull_from_upstream of a new upstream version (the-new-hotness, Anitya, or a dist-git pull request
   * comment {@code /packit pull-from-upstream}).
   *
   * @param packageName the dist-git package
   * @param branches the dist-git branches
   * @param config the dist-git config
   * @param version the new upstream version; empty when a comment named none (planning fails then)
   * @param resolvedBugs bugs the update resolves, e.g. {@code rhbz#2106196}
   * @param anityaProjectId the release-monitoring project, 0 when unknown
   */
  record PullFromUpstream(String packageName, List<String> branches, ConfigText config, String version,
      List<String> resolvedBugs, long anityaProjectId) implements JobRequest {
    /** Validates the components. */
    public PullFromUpstream {
      branches = Checks.branches(branches);
      Checks.notBlank(packageName, "package");
      Checks.notNull(config, "config", version);
      resolvedBugs = List.copyOf(resolvedBugs);
    }

    @Override
    public JobType jobType() {
      return JobType.PULL_FROM_UPSTREAM;
    }

    @Override
    public String on() {
      return "new_version";
    }
  }

  /**
   * koji_build for a dist-git push ({@code trigger: commit}).
   *
   * @param packageName the dist-git package
   * @param branches the pushed branch
   * @param config the dist-git config
   * @param repository the dist-git repository, {@code rpms/<package>}
   * @param branch the pushed branch as the message named it
   * @param oldCommit the branch head before the push, empty for a new branch
   * @param endCommit the pushed head
   * @param agent who pushed
   * @param pullRequestId the merged dist-git pull request, 0 when the push merged none
   * @param pullRequestAuthor that pull request's author; empty lets the planner ask dist-git
   * @param changedFiles the changed files and how ({@code A}, {@code M}, {@code D})
   * @param messageId the push message's id, empty when unknown
   */
  record KojiBuildOnPush(String packageName, List<String> branches, ConfigText config, String repository, String branch,
      String oldCommit, String endCommit, String agent, long pullRequestId, String pullRequestAuthor,
      Map<String, String> changedFiles, String messageId) implements JobRequest {
    /** Validates the components. */
    public KojiBuildOnPush {
      branches = Checks.branches(branches);
      Checks.notBlank(packageName, "package");
      Checks.notBlank(repository, "repository");
      Checks.notBlank(branch, "branch");
      Checks.notBlank(endCommit, "end_commit");
      Checks.notNull(config, "config", oldCommit, agent, pullRequestAuthor, messageId);
      changedFiles = Map.copyOf(changedFiles);
    }

    /**
     * This request with the merged pull request's author filled in.
     *
     * @param author the author
     * @return the request
     */
    public KojiBuildOnPush withPullRequestAuthor(String author) {
      return new KojiBuildOnPush(packageName, branches, config, repository, branch, oldCommit, endCommit, agent,
          pullRequestId, author, changedFiles, messageId);
    }

    @Override
    public JobType jobType() {
      return JobType.KOJI_BUILD;
    }

    @Override
    public String on() {
      return "push";
    }
  }

  /**
   * koji_build of the branch heads, on request (a dist-git pull request comment
   * {@code /packit koji-build}, or {@code packit build in-koji}).
   *
   * @param packageName the dist-git package
   * @param branches the dist-git branches
   * @param config the dist-git config
   * @param scratch whether to build scratch builds
   * @param requestedBy who asked, for the record
   */
  record KojiBuildOnRequest(String packageName, List<String> branches, ConfigText config, boolean scratch,
      String requestedBy) implements JobRequest {
    /** Validates the components. */
    public KojiBuildOnRequest {
      branches = Checks.branches(branches);
      Checks.notBlank(packageName, "package");
      Checks.notNull(config, "config", requestedBy);
    }

    @Override
    public JobType jobType() {
      return JobType.KOJI_BUILD;
    }

    @Override
    public String on() {
      return "request";
    }
  }

  /**
   * koji_build of a {@code dependents} package into the side tag of its {@code sidetag_group}, after
   * a build of the group landed there.
   *
   * @param packageName the package to build
   * @param branches its one branch
   * @param config the package's dist-git config
   * @param sideTag the side tag
   * @param group the {@code sidetag_group}
   * @param taggedBuild the NVR whose tagging triggered this
   */
  record SideTagBuild(String packageName, List<String> branches, ConfigText config, String sideTag, String group,
      String taggedBuild) implements JobRequest {
    /** Validates the components. */
    public SideTagBuild {
      branches = Checks.one(branches);
      Checks.notBlank(packageName, "package");
      Checks.notBlank(sideTag, "side_tag");
      Checks.notBlank(group, "group");
      Checks.notNull(config, "config", taggedBuild);
    }

    @Override
    public JobType jobType() {
      return JobType.KOJI_BUILD;
    }

    @Override
    public String on() {
      return "side_tag";
    }
  }

  /**
   * bodhi_update of a {@code sidetag_group} from its side tag, once all its packages are built there.
   *
   * @param packageName the package whose config has the bodhi_update job
   * @param branches its one branch
   * @param config the package's dist-git config
   * @param sideTag the side tag
   * @param group the {@code sidetag_group}
   * @param taggedBuild the NVR whose tagging triggered this
   */
  record SideTagUpdate(String packageName, List<String> branches, ConfigText config, String sideTag, String group,
      String taggedBuild) implements JobRequest {
    /** Validates the components. */
    public SideTagUpdate {
      branches = Checks.one(branches);
      Checks.notBlank(packageName, "package");
      Checks.notBlank(sideTag, "side_tag");
      Checks.notBlank(group, "group");
      Checks.notNull(config, "config", taggedBuild);
    }

    @Override
    public JobType jobType() {
      return JobType.BODHI_UPDATE;
    }

    @Override
    public String on() {
      return "side_tag";
    }
  }

  /**
   * bodhi_update for a Koji build that changed state ({@code trigger: commit}).
   *
   * @param packageName the dist-git package (the build's name)
   * @param branches the branch of the build's target
   * @param config the dist-git config
   * @param buildId the Koji build id
   * @param taskId the Koji task id, 0 when unknown
   * @param name the build's package name
   * @param version its version
   * @param release its release
   * @param epoch its epoch, empty for none
   * @param owner who built it
   * @param state the new state ({@code COMPLETE}, {@code FAILED}, ...)
   * @param scmUrl the source it was built from
   * @param target the build target, e.g. {@code f42-candidate}
   * @param scratch whether it is a scratch build
   * @param instance the Koji instance ({@code primary})
   * @param messageId the message's id, empty when unknown
   */
  record BodhiUpdateOnBuild(String packageName, List<String> branches, ConfigText config, long buildId, long taskId,
      String name, String version, String release, String epoch, String owner, String state, String scmUrl, String target,
      boolean scratch, String instance, String messageId) implements JobRequest {
    /** Validates the components. */
    public BodhiUpdateOnBuild {
      branches = Checks.branches(branches);
      Checks.notBlank(packageName, "package");
      Checks.notBlank(name, "name");
      Checks.notBlank(version, "version");
      Checks.notBlank(release, "release");
      Checks.notBlank(state, "state");
      Checks.notNull(config, "config", epoch, owner, scmUrl, target, instance, messageId);
    }

    /**
     * The build's name-version-release.
     *
     * @return the NVR
     */
    public String nvr() {
      return name + "-" + version + "-" + release;
    }

    @Override
    public JobType jobType() {
      return JobType.BODHI_UPDATE;
    }

    @Override
    public String on() {
      return "build";
    }
  }

  /**
   * bodhi_update on request (a dist-git pull request comment {@code /packit create-update}, or
   * {@code packit create-update}).
   *
   * @param packageName the dist-git package
   * @param branches the dist-git branches
   * @param config the dist-git config
   * @param builds NVRs to use, empty to take each branch head's
   * @param updateType the update type ({@code enhancement}, {@code bugfix}, ...)
   * @param notes the update notes, empty for a default text
   * @param requestedBy who asked, for the record
   */
  record BodhiUpdateOnRequest(String packageName, List<String> branches, ConfigText config, List<String> builds,
      String updateType, String notes, String requestedBy) implements JobRequest {
    /** Validates the components. */
    public BodhiUpdateOnRequest {
      branches = Checks.branches(branches);
      Checks.notBlank(packageName, "package");
      Checks.notBlank(updateType, "update_type");
      Checks.notNull(config, "config", notes, requestedBy);
      builds = List.copyOf(builds);
    }

    @Override
    public JobType jobType() {
      return JobType.BODHI_UPDATE;
    }

    @Override
    public String on() {
      return "request";
    }
  }
}

/** The records' shared checks: a clear message naming the JSON field. */
final class Checks {
  private Checks() {}

  static List<String> branches(List<String> branches) {
    Objects.requireNonNull(branches, "branches");
    List<String> copy = List.copyOf(branches);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("branches: no dist-git branch");
    }
    for (String b : copy) {
      notBlank(b, "branches");
    }
    return copy;
  }

  static List<String> one(List<String> branches) {
    List<String> copy = branches(branches);
    if (copy.size() != 1) {
      throw new IllegalArgumentException("branches: a side-tag job runs on one branch, not " + copy);
    }
    return copy;
  }

  static void notBlank(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + ": must not be blank");
    }
  }

  static void notNull(Object first, String firstField, Object... more) {
    Objects.requireNonNull(first, firstField);
    for (Object o : more) {
      Objects.requireNonNull(o, "a component of the job request is null");
    }
  }
}
