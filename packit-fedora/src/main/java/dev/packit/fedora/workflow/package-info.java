/**
 * The release workflow: from an upstream release or a Fedora event to dist-git commits and pull
 * requests, Koji builds and Bodhi updates, as a {@link dev.packit.fedora.workflow.Plan} that is
 * computed first and applied second.
 *
 * <pre>{@code
 * Plan plan = workflow.planProposeDownstream(request);   // nothing changes yet
 * RunResult result = workflow.apply(plan);
 * }</pre>
 *
 * <p>{@link dev.packit.fedora.workflow.JobDispatcher} turns webhooks and fedora-messaging messages
 * into the jobs a {@code .packit.yaml} asks for. See docs/workflow.md and docs/architecture.md.
 */
@NullMarked
package dev.packit.fedora.workflow;

import org.jspecify.annotations.NullMarked;
