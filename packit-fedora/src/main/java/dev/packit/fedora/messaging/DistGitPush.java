package dev.packit.fedora.messaging;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A push to a dist-git repository: {@code pagure.git.receive} from src.fedoraproject.org.
 *
 * <pre>{@code
 * if (m instanceof DistGitPush push && push.specChanged()) {
 *   koji.build(push.namespace() + "/" + push.repository(), push.branch(), push.endCommit());
 * }
 * }</pre>
 *
 * <p>Packit builds in Koji only pushes whose {@link #changedFiles()} contain a {@code .spec} file;
 * relayed and trimmed messages may lack {@code changed_files}, so an empty map means "unknown".
 *
 * @param envelope the raw message
 * @param namespace repository namespace such as {@code rpms}, empty when the repository has none
 * @param repository repository name such as {@code packit}
 * @param fullName full name such as {@code rpms/packit} or {@code forks/packit/rpms/nispor}
 * @param branch the pushed branch
 * @param oldCommit the branch head before the push, empty when absent
 * @param startCommit the first pushed commit, empty when absent
 * @param endCommit the branch head after the push
 * @param totalCommits number of pushed commits
 * @param forced whether it was a force push
 * @param agent the user who pushed (for a merged pull request, the user who merged it)
 * @param pullRequestId the merged pull request, or {@code null} for a direct push
 * @param changedFiles path to change letter ({@code M}, {@code A}, {@code D}), possibly empty
 * @param authors usernames of the commit authors that have one
 */
public record DistGitPush(
    MessageEnvelope envelope,
    String namespace,
    String repository,
    String fullName,
    String branch,
    String oldCommit,
    String startCommit,
    String endCommit,
    int totalCommits,
    boolean forced,
    String agent,
    @Nullable Long pullRequestId,
    Map<String, String> changedFiles,
    List<String> authors) implements FedoraMessage {

  /** Validates and freezes the components. */
  public DistGitPush {
    Objects.requireNonNull(envelope, "envelope == null");
    Objects.requireNonNull(namespace, "namespace == null");
    Objects.requireNonNull(repository, "repository == null");
    Objects.requireNonNull(fullName, "fullName == null");
    Objects.requireNonNull(branch, "branch == null");
    Objects.requireNonNull(oldCommit, "oldCommit == null");
    Objects.requireNonNull(startCommit, "startCommit == null");
    Objects.requireNonNull(endCommit, "endCommit == null");
    Objects.requireNonNull(agent, "agent == null");
    changedFiles = Map.copyOf(changedFiles);
    authors = List.copyOf(authors);
  }

  private static final java.util.regex.Pattern MERGED_PR =
      java.util.regex.Pattern.compile("^Merge pull request '.*' \\(#(\\d{1,18})\\)", java.util.regex.Pattern.DOTALL);

  /**
   * Reads a push to a dist-git branch that arrived as a Forgejo webhook ({@code forgejo.push}),
   * as the push Pagure announced with {@code pagure.git.receive}: dist-git on Forgejo sends no
   * {@code pagure.*} topics. The changed files come from the commits' {@code added},
   * {@code modified} and {@code removed}; the merged pull request from the head commit's message,
   * which Forgejo writes as {@code Merge pull request '<title>' (#<n>) from ...} (a push without
   * it is a direct push).
   *
   * <pre>{@code
   * if (m instanceof ForgejoEvent f && DistGitRepositories.fedora().isDistGit(f)) {
   *   DistGitPush.fromForgejo(f).ifPresent(push -> dispatcher.dispatch(push, config));
   * }
   * }</pre>
   *
   * @param event the Forgejo event
   * @return the push; empty for other events, tags and deleted branches
   */
  public static java.util.Optional<DistGitPush> fromForgejo(ForgejoEvent event) {
    Objects.requireNonNull(event, "event == null");
    Map<String, Object> p = event.payload();
    String ref = text(p.get("ref"));
    if (!event.event().equals("push") || !ref.startsWith("refs/heads/") || Boolean.TRUE.equals(p.get("deleted"))) {
      return java.util.Optional.empty();
    }
    String full = event.repository();
    int slash = full.lastIndexOf('/');
    String before = text(p.get("before"));
    Map<String, String> changed = new java.util.LinkedHashMap<>();
    List<String> authors = new java.util.ArrayList<>();
    String start = "";
    if (p.get("commits") instanceof List<?> commits) {
      for (Object o : commits) {
        if (!(o instanceof Map<?, ?> c)) {
          continue;
        }
        if (start.isEmpty()) {
          start = text(c.get("id"));
        }
        files(c.get("added"), "A", changed);
        files(c.get("modified"), "M", changed);
        files(c.get("removed"), "D", changed);
        if (c.get("author") instanceof Map<?, ?> a && !text(a.get("username")).isEmpty() && !authors.contains(text(a.get("username")))) {
          authors.add(text(a.get("username")));
        }
      }
    }
    Long pr = null;
    if (p.get("head_commit") instanceof Map<?, ?> head) {
      java.util.regex.Matcher m = MERGED_PR.matcher(text(head.get("message")));
      if (m.find()) {
        pr = Long.parseLong(m.group(1));
      }
    }
    int total = p.get("total_commits") instanceof Number n ? n.intValue() : changed.isEmpty() ? 0 : 1;
    String pusher = p.get("pusher") instanceof Map<?, ?> u ? text(u.get("login")) : "";
    return java.util.Optional.of(new DistGitPush(event.envelope(), slash < 0 ? "" : full.substring(0, slash),
        full.substring(slash + 1), full, ref.substring("refs/heads/".length()), before.matches("0+") ? "" : before, start,
        text(p.get("after")), total, false, pusher.isEmpty() ? event.sender() : pusher, pr, changed, authors));
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }

  private static void files(Object list, String change, Map<String, String> into) {
    if (list instanceof List<?> l) {
      for (Object f : l) {
        if (f != null) {
          // a file added then changed in one push stays "A", as in pagure.git.receive
          into.putIfAbsent(f.toString(), change);
        }
      }
    }
  }

  /**
   * Returns the merged pull request.
   *
   * @return its id, or empty for a direct push
   */
  public OptionalLong pullRequest() {
    return pullRequestId == null ? OptionalLong.empty() : OptionalLong.of(pullRequestId);
  }

  /**
   * Whether a spec file is among the changed files (Packit's filter for downstream Koji builds).
   *
   * @return {@code true} if a {@code *.spec} path changed
   */
  public boolean specChanged() {
    return changedFiles.keySet().stream().anyMatch(p -> p.endsWith(".spec"));
  }
}
