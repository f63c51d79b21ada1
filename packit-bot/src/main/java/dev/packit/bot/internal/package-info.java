/**
 * The bot's implementation: intake, queues, runner, HTTP server, metrics. Not exported; use
 * {@link dev.packit.bot.PackitBot}.
 */
package dev.packit.bot.internal;
