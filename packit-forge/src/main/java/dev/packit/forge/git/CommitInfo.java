package dev.packit.forge.git;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One commit as read from history.
 *
 * <pre>{@code
 * CommitInfo head = repo.log("hello.spec", 1).get(0);
 * System.out.println(head.id() + " " + head.shortMessage() + " by " + head.author());
 * }</pre>
 *
 * @param id the full 40-hex commit id
 * @param parents the parent ids, first parent first
 * @param author who wrote the change
 * @param authorTime when it was written
 * @param committer who committed it
 * @param commitTime when it was committed
 * @param shortMessage the first line of the message
 * @param message the full message
 */
public record CommitInfo(String id, List<String> parents, GitIdentity author, Instant authorTime,
    GitIdentity committer, Instant commitTime, String shortMessage, String message) {
  /** Validates and copies the components. */
  public CommitInfo {
    Objects.requireNonNull(id, "id == null");
    parents = List.copyOf(parents);
    Objects.requireNonNull(author, "author == null");
    Objects.requireNonNull(authorTime, "authorTime == null");
    Objects.requireNonNull(committer, "committer == null");
    Objects.requireNonNull(commitTime, "commitTime == null");
    Objects.requireNonNull(shortMessage, "shortMessage == null");
    Objects.requireNonNull(message, "message == null");
  }
}
