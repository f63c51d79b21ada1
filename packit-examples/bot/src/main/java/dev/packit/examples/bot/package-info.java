/**
 * The sample release bot: a main that runs the {@code packit-bot} library's
 * {@link dev.packit.bot.PackitBot} configured by environment variables. See docs/bot.md.
 */
@NullMarked
package dev.packit.examples.bot;

import org.jspecify.annotations.NullMarked;
