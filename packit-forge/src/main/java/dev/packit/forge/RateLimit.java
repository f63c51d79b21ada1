package dev.packit.forge;

import org.jspecify.annotations.Nullable;
import java.time.Instant;

/**
 * The API rate limit of the current credentials.
 *
 * <pre>{@code
 * forge.rateLimit().ifPresent(l -> System.out.println(l.remaining() + " calls left until " + l.resetAt()));
 * }</pre>
 *
 * @param limit calls allowed per window
 * @param remaining calls left in this window
 * @param resetAt when the window resets, or null
 */
public record RateLimit(long limit, long remaining, @Nullable Instant resetAt) {}
