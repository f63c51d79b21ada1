package dev.packit.forge.github;

import org.jspecify.annotations.Nullable;
import java.net.URI;
import java.util.Objects;

/**
 * A check run to create.
 *
 * <pre>{@code
 * CheckRunSpec spec = CheckRunSpec.completed("rpm-build", sha, "success", "Built", "3 RPMs built");
 * }</pre>
 *
 * @param name the name shown in the checks tab
 * @param headSha the commit
 * @param status {@code queued}, {@code in_progress} or {@code completed}
 * @param conclusion required when completed: {@code success}, {@code failure}, {@code neutral}, ...
 * @param title the output title, or null
 * @param summary the output summary, or null
 * @param detailsUrl the details link, or null
 * @param externalId your id, or null
 */
public record CheckRunSpec(String name, String headSha, String status, String conclusion, @Nullable String title, @Nullable String summary,
    @Nullable URI detailsUrl, @Nullable String externalId) {
  /** Validates the parts. */
  public CheckRunSpec {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(headSha, "headSha == null");
    Objects.requireNonNull(status, "status == null");
    if ("completed".equals(status) && conclusion == null) {
      throw new IllegalArgumentException("a completed check run needs a conclusion");
    }
  }

  /**
   * A completed run with output.
   *
   * @param name the name
   * @param headSha the commit
   * @param conclusion the conclusion
   * @param title the output title
   * @param summary the output summary
   * @return the spec
   */
  public static CheckRunSpec completed(String name, String headSha, String conclusion, String title, String summary) {
    return new CheckRunSpec(name, headSha, "completed", conclusion, title, summary, null, null);
  }
}
