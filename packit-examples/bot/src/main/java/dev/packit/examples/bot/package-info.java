/**
 * A sample release bot built on packit-java: webhooks and fedora-messaging messages in,
 * {@code ReleaseWorkflow} jobs out, status reported back to the forge.
 */
package dev.packit.examples.bot;
