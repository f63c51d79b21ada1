/**
 * The SQL side of {@link dev.packit.bot.history.JdbcJobHistory}: a small connection pool and the
 * Flyway migrations (in {@code dev/packit/bot/internal/history/db/migration}). Not exported.
 */
package dev.packit.bot.internal.history;
