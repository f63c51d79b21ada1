/**
 * How {@link dev.packit.bot.config.BotConfigLoader} reads the bot's config file: typed sections
 * over packit-core's safe YAML reader, environment overrides, secret-file checks. Not exported.
 */
@NullMarked
package dev.packit.bot.internal.config;

import org.jspecify.annotations.NullMarked;
