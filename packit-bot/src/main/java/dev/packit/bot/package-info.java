/**
 * The release bot as a library: {@link dev.packit.bot.PackitBot} and its builder, the HTTP limits
 * ({@link dev.packit.bot.HttpLimits}), who may command the bot ({@link dev.packit.bot.CommandPolicy})
 * and where jobs wait ({@link dev.packit.bot.BotQueue}).
 *
 * <pre>{@code
 * try (PackitBot bot = PackitBot.builder().instance("bot-1").upstream(ForgeKind.GITHUB, github)
 *     .distGit(pagure, URI.create("https://src.fedoraproject.org/")).workDir(Path.of("/var/lib/packit-bot"))
 *     .verifier(verifier).queue(BotQueue.inProcess(4)).httpPort(8080).build()) {
 *   bot.start();
 *   bot.awaitShutdown();
 * }
 * }</pre>
 */
@NullMarked
package dev.packit.bot;

import org.jspecify.annotations.NullMarked;
