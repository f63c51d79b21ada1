/**
 * The bot's config file: {@link dev.packit.bot.config.BotConfig} (typed settings) and
 * {@link dev.packit.bot.config.BotConfigLoader} (YAML with positions, environment overrides,
 * secrets from files). The reference is {@code docs/bot-config.md}.
 *
 * <pre>{@code
 * BotConfig config = BotConfigLoader.builder().build().load(Path.of("/etc/packit-bot/packit-bot.yaml"));
 * }</pre>
 */
@NullMarked
package dev.packit.bot.config;

import org.jspecify.annotations.NullMarked;
