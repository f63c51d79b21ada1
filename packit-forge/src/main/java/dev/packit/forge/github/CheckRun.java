package dev.packit.forge.github;

import org.jspecify.annotations.Nullable;
import java.net.URI;
import java.time.Instant;

/**
 * A GitHub check run (needs GitHub App credentials).
 *
 * <pre>{@code
 * CheckRun run = gitHub.createCheckRun(repo, CheckRunSpec.completed("rpm-build", sha, "success", "Built", "3 RPMs"));
 * }</pre>
 *
 * @param id the check run id
 * @param name the name
 * @param headSha the commit
 * @param status {@code queued}, {@code in_progress} or {@code completed}
 * @param conclusion the conclusion when completed, else null
 * @param title the output title, or null
 * @param summary the output summary, or null
 * @param detailsUrl the details link, or null
 * @param webUrl the page on GitHub, or null
 * @param startedAt when it started, or null
 * @param completedAt when it completed, or null
 */
public record CheckRun(long id, String name, String headSha, String status, @Nullable String conclusion, @Nullable String title,
    @Nullable String summary, @Nullable URI detailsUrl, @Nullable URI webUrl, @Nullable Instant startedAt, @Nullable Instant completedAt) {}
