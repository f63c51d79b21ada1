/**
 * The SQL side of {@link dev.packit.bot.history.JdbcJobHistory}: a small connection pool and the
 * Flyway migrations (in {@code dev/packit/bot/internal/history/db/migration}). Not exported.
 */
@NullMarked
package dev.packit.bot.internal.history;

import org.jspecify.annotations.NullMarked;
