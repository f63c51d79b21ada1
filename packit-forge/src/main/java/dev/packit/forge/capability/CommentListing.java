package dev.packit.forge.capability;

import dev.packit.forge.Comment;
import dev.packit.forge.RepoId;
import java.util.List;

/**
 * Reading the comments of a pull request (to find the bot's own earlier comment, say).
 *
 * <pre>{@code
 * List<Comment> all = forge.capability(CommentListing.class).map(c -> c.comments(repo, 12)).orElse(List.of());
 * }</pre>
 *
 * @since 0.2.0
 */
public interface CommentListing {
  /**
   * Lists the comments of a pull request, oldest first, every page.
   *
   * @param repo the target repository
   * @param number the pull request
   * @return the comments
   */
  List<Comment> comments(RepoId repo, long number);
}
