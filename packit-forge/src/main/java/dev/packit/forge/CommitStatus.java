package dev.packit.forge;

import org.jspecify.annotations.Nullable;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A status reported on a commit (GitHub status, GitLab commit status, Pagure commit flag).
 *
 * <pre>{@code
 * forge.commitStatuses(repo, sha).filter(s -> s.context().equals("packit/rpm-build")).findFirst();
 * }</pre>
 *
 * @param sha the commit
 * @param state the state
 * @param context the name that identifies the check (Pagure: the flag's {@code username})
 * @param description a short text; empty when none
 * @param targetUrl the link to details, or null
 * @param createdAt when it was set, or null
 * @param author the login of who set it; empty when unknown
 */
public record CommitStatus(
    String sha, CommitState state, String context, String description, @Nullable URI targetUrl, @Nullable Instant createdAt, String author) {
  /** Validates and normalises. */
  public CommitStatus {
    Objects.requireNonNull(state, "state == null");
    sha = sha == null ? "" : sha;
    context = context == null ? "" : context;
    description = description == null ? "" : description;
    author = author == null ? "" : author;
  }
}
