package dev.packit.forge;

import org.jspecify.annotations.Nullable;
import java.time.Instant;

/**
 * A comment on a pull request.
 *
 * <pre>{@code
 * Comment c = forge.comment(repo, 12, "/packit build");
 * }</pre>
 *
 * @param id the forge's id of the comment, or 0 when the forge does not return it (Pagure)
 * @param body the text
 * @param author the login of the author; empty when unknown
 * @param createdAt when it was written, or null
 */
public record Comment(long id, String body, String author, @Nullable Instant createdAt) {
  /** Normalises absent text. */
  public Comment {
    body = body == null ? "" : body;
    author = author == null ? "" : author;
  }
}
