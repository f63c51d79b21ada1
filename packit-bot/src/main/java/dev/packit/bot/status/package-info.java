/**
 * The bot's status page: per package, the road from the upstream release through each branch's pull
 * request, Koji build and Bodhi update; a filtered job list; a job's detail; a package's
 * reconciliation decisions. Rendered on the server from a {@link dev.packit.bot.history.JobHistory},
 * read-only, without JavaScript, every text HTML-escaped, every stylesheet served by the bot.
 *
 * <pre>{@code
 * Handler status = StatusPage.handler(history, Clock.systemUTC(), StatusPage.Options.defaults());
 * server.setHandler(new Handler.Sequence(webhooks, status));   // serves /, /jobs, /jobs/{id}, /packages/{name}
 * }</pre>
 */
@NullMarked
package dev.packit.bot.status;

import org.jspecify.annotations.NullMarked;
