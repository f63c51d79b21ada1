/**
 * Job history: what the bot queued, ran and decided, kept so the status page, reconciliation and
 * people can see it after the fact.
 *
 * <pre>{@code
 * JobHistory history = new InMemoryJobHistory();
 * history.queued(JobRecord.queued("job-1", "propose_downstream", "hello", List.of("rawhide"),
 *     "release 1.2.0 of github.com/acme/hello", Instant.now()));
 * history.jobs(JobQuery.all().withPackage("hello")).forEach(System.out::println);
 * }</pre>
 */
@NullMarked
package dev.packit.bot.history;

import org.jspecify.annotations.NullMarked;
