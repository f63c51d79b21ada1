/**
 * fedora-messaging: typed messages (dist-git pushes, Koji builds, tags and tasks, Pagure pull
 * requests, Anitya and the-new-hotness, Forgejo) and message sources (AMQP, in-memory).
 *
 * <pre>{@code
 * FedoraMessage m = FedoraMessages.parse(json, "message.json");
 * }</pre>
 */
@NullMarked
package dev.packit.fedora.messaging;

import org.jspecify.annotations.NullMarked;
