/**
 * The bot's implementation: intake, queues, runner, HTTP server, metrics. Not exported; use
 * {@link dev.packit.bot.PackitBot}.
 */
@NullMarked
package dev.packit.bot.internal;

import org.jspecify.annotations.NullMarked;
