package dev.packit.fedora.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One thing a {@link Plan} will do on a dist-git branch. Each kind is a record; a plan is a list of
 * them per branch, carried out in order by {@link ReleaseWorkflow#apply(Plan)}.
 *
 * <pre>{@code
 * for (PlannedStep step : branchPlan.steps()) {
 *   System.out.println(step.describe());
 * }
 * }</pre>
 */
public sealed interface PlannedStep {

  /**
   * Returns a one-line description for people.
   *
   * @return the description
   */
  String describe();

  /**
   * Upload a source archive to the lookaside cache unless it is already there (checked by hash).
   *
   * @param fileName name in the {@code sources} file
   * @param size size in bytes
   * @param sha512 hex SHA-512 of the content
   * @param localFile where the downloaded archive is kept until applied
   */
  record Upload(String fileName, long size, String sha512, Path localFile) implements PlannedStep {
    /** Validates the components. */
    public Upload {
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(sha512, "sha512");
      Objects.requireNonNull(localFile, "localFile");
    }

    @Override
    public String describe() {
      return "upload " + fileName + " (" + size + " bytes, sha512 " + sha512.substring(0, Math.min(12, sha512.length())) + "…) to the lookaside cache";
    }
  }

  /**
   * Commit new contents of files onto a branch.
   *
   * @param branch the branch the commit goes on (the bot's PR branch, or the target with direct push)
   * @param baseCommit the target branch commit the change was computed from
   * @param message commit message
   * @param files the files and their new contents
   */
  record Commit(String branch, String baseCommit, String message, List<FileChange> files) implements PlannedStep {
    /** Validates the components. */
    public Commit {
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(baseCommit, "baseCommit");
      Objects.requireNonNull(message, "message");
      files = List.copyOf(files);
    }

    @Override
    public String describe() {
      return "commit on " + branch + ": " + message.lines().findFirst().orElse("") + " ("
          + files.stream().map(FileChange::path).reduce((a, b) -> a + ", " + b).orElse("no files") + ")";
    }
  }

  /**
   * Push the bot's branch to the fork and open the pull request, or update the one already open.
   *
   * @param sourceBranch the bot's branch in the fork, {@code <branch>-update-<job>}
   * @param targetBranch the dist-git branch
   * @param title pull request title
   * @param body pull request description
   */
  record PullRequest(String sourceBranch, String targetBranch, String title, String body) implements PlannedStep {
    /** Validates the components. */
    public PullRequest {
      Objects.requireNonNull(sourceBranch, "sourceBranch");
      Objects.requireNonNull(targetBranch, "targetBranch");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(body, "body");
    }

    @Override
    public String describe() {
      return "push " + sourceBranch + " to the fork and open or update the pull request into " + targetBranch + ": " + title;
    }
  }

  /**
   * Push the commit straight to the dist-git branch ({@code create_pr: false}).
   *
   * @param branch the dist-git branch
   */
  record DirectPush(String branch) implements PlannedStep {
    /** Validates the components. */
    public DirectPush {
      Objects.requireNonNull(branch, "branch");
    }

    @Override
    public String describe() {
      return "push the commit directly to " + branch;
    }
  }

  /**
   * Fast-forward another dist-git branch to the commit just made ({@code fast_forward_merge_into}):
   * with pull requests, open or update a pull request from the same fork branch into it, so merging
   * it is a fast-forward; with {@code create_pr: false}, push the same commit to it.
   *
   * <pre>{@code
   * plan.branch("rawhide").orElseThrow().steps(PlannedStep.FastForward.class).forEach(f -> System.out.println(f.branch()));
   * }</pre>
   *
   * @param branch the branch to fast-forward, e.g. {@code f43}
   * @param fromBranch the branch the commit was made for, e.g. {@code rawhide}
   * @param viaPullRequest whether a pull request is opened (else the commit is pushed)
   * @param title the pull request title, empty without pull request
   * @param body the pull request description, empty without pull request
   */
  record FastForward(String branch, String fromBranch, boolean viaPullRequest, String title, String body) implements PlannedStep {
    /** Validates the components. */
    public FastForward {
      Objects.requireNonNull(branch, "branch");
      Objects.requireNonNull(fromBranch, "fromBranch");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(body, "body");
    }

    @Override
    public String describe() {
      return viaPullRequest
          ? "open or update the pull request of the same commit into " + branch + " (merging it fast-forwards " + branch + " to " + fromBranch + ")"
          : "fast-forward " + branch + " to the new " + fromBranch + " commit";
    }
  }

  /**
   * Submit a Koji build of a dist-git commit.
   *
   * @param nvr the name-version-release the build will have
   * @param source the git URL with the commit, {@code git+https://.../rpms/x.git#<sha>}
   * @param target the Koji build target
   * @param scratch whether it is a scratch build
   */
  record KojiBuild(String nvr, String source, String target, boolean scratch) implements PlannedStep {
    /** Validates the components. */
    public KojiBuild {
      Objects.requireNonNull(nvr, "nvr");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
    }

    @Override
    public String describe() {
      return "submit " + (scratch ? "scratch " : "") + "Koji build " + nvr + " to " + target;
    }
  }

  /**
   * Submit a Koji build into the side tag of a {@code sidetag_group}, creating the side tag first
   * when the group has none on this base tag yet.
   *
   * <pre>{@code
   * plan.branches().get(0).steps(PlannedStep.SideTagBuild.class).forEach(b -> System.out.println(b.sideTag()));
   * }</pre>
   *
   * @param nvr the name-version-release the build will have
   * @param source the git URL with the commit
   * @param group the {@code sidetag_group}
   * @param baseTag the build tag the side tag is made from, e.g. {@code f43-build}
   * @param sideTag the group's side tag when it exists at planning time, else empty
   */
  record SideTagBuild(String nvr, String source, String group, String baseTag, String sideTag) implements PlannedStep {
    /** Validates the components. */
    public SideTagBuild {
      Objects.requireNonNull(nvr, "nvr");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(baseTag, "baseTag");
      Objects.requireNonNull(sideTag, "sideTag");
    }

    @Override
    public String describe() {
      return "submit Koji build " + nvr + " into " + (sideTag.isEmpty()
          ? "a new side tag of group " + group + " on " + baseTag : "side tag " + sideTag + " (group " + group + ")");
    }
  }

  /**
   * Create (or edit) the Bodhi update of a side tag with the latest build of every package of the group.
   *
   * <pre>{@code
   * plan.branches().get(0).steps(PlannedStep.SideTagUpdate.class).forEach(u -> System.out.println(u.nvrs()));
   * }</pre>
   *
   * @param sideTag the side tag, Bodhi's {@code from_tag}
   * @param nvrs the builds
   * @param notes update notes
   * @param editAlias the update of this side tag to edit, empty to create one
   */
  record SideTagUpdate(String sideTag, List<String> nvrs, String notes, String editAlias) implements PlannedStep {
    /** Validates the components. */
    public SideTagUpdate {
      Objects.requireNonNull(sideTag, "sideTag");
      nvrs = List.copyOf(nvrs);
      Objects.requireNonNull(notes, "notes");
      Objects.requireNonNull(editAlias, "editAlias");
    }

    @Override
    public String describe() {
      return (editAlias.isEmpty() ? "create a Bodhi update" : "edit Bodhi update " + editAlias) + " from side tag "
          + sideTag + " with " + String.join(", ", nvrs);
    }
  }

  /**
   * Create a Bodhi update.
   *
   * @param nvr the build in the update
   * @param release the Bodhi release name, e.g. {@code F42}
   * @param type update type, e.g. {@code enhancement}
   * @param notes update notes
   */
  record BodhiUpdate(String nvr, String release, String type, String notes) implements PlannedStep {
    /** Validates the components. */
    public BodhiUpdate {
      Objects.requireNonNull(nvr, "nvr");
      Objects.requireNonNull(release, "release");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(notes, "notes");
    }

    @Override
    public String describe() {
      return "create Bodhi " + type + " update for " + nvr + " in " + release;
    }
  }

  /**
   * A file's new content, with the unified diff against the old one for people to review. The
   * {@link Kind} says whether it is a plain or executable file, a symbolic link (the content is
   * the link target) or a deletion (no content).
   *
   * @param path path in the repository, {@code /}-separated, relative
   * @param content the new content (a link's target for {@link Kind#SYMLINK}, empty for {@link Kind#DELETED})
   * @param diff unified diff from the old content
   * @param kind what the path becomes
   */
  record FileChange(String path, byte[] content, String diff, Kind kind) {
    /**
     * What a path becomes.
     *
     * <pre>{@code
     * commit.files().stream().filter(f -> f.kind() == PlannedStep.FileChange.Kind.DELETED)
     *     .forEach(f -> System.out.println("removes " + f.path()));
     * }</pre>
     */
    public enum Kind {
      /** A regular file (mode 0644). */
      FILE,
      /** A regular file with the executable bit (mode 0755). */
      EXECUTABLE,
      /** A symbolic link; the content is its target, relative and inside the repository. */
      SYMLINK,
      /** The path is removed. */
      DELETED
    }

    /** Validates and copies the components. */
    public FileChange {
      Objects.requireNonNull(path, "path");
      content = content.clone();
      Objects.requireNonNull(diff, "diff");
      Objects.requireNonNull(kind, "kind");
    }

    /**
     * A regular file's new content.
     *
     * @param path path in the repository
     * @param content the new content
     * @param diff unified diff from the old content
     */
    public FileChange(String path, byte[] content, String diff) {
      this(path, content, diff, Kind.FILE);
    }

    /** @return a copy of the new content */
    @Override
    public byte[] content() {
      return content.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FileChange f && f.path.equals(path) && f.kind == kind && java.util.Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
      return (path.hashCode() * 31 + kind.hashCode()) * 31 + java.util.Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return "FileChange[" + path + ", " + (kind == Kind.FILE ? "" : kind + ", ") + content.length + " bytes]";
    }
  }
}
