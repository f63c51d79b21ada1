/**
 * The typed road from an event to a plan: a {@link dev.packit.fedora.jobs.Trigger} (webhook,
 * fedora-messaging message or comment command) goes through
 * {@link dev.packit.fedora.workflow.JobDispatcher#dispatch(Trigger, dev.packit.core.config.PackitConfig)}
 * to {@link dev.packit.fedora.jobs.JobRequest}s, one sealed record per job, each with a stable JSON
 * form for queues; {@link dev.packit.fedora.workflow.ReleaseWorkflow#plan(JobRequest)} turns a request
 * into a plan.
 *
 * <pre>{@code
 * Trigger trigger = Trigger.of(FedoraMessages.parse(json, "amqp"));
 * ConfigLocation where = dispatcher.resolver().locate(trigger).orElseThrow();
 * ConfigText config = where.read(distGit).orElseThrow();
 * DispatchResult result = dispatcher.dispatch(trigger, config);
 * for (JobRequest request : result.requests()) {
 *   queue.offer(request.toJson());                      // later, on a worker:
 *   Plan plan = workflow.plan(JobRequest.fromJson(json));
 * }
 * result.skips().forEach(skip -> log.info(skip.describe()));
 * }</pre>
 */
@NullMarked
package dev.packit.fedora.jobs;

import org.jspecify.annotations.NullMarked;
