/**
 * The status page's implementation: the Jetty handler, the HTML writer with its one escaping
 * function, and the per-branch road computed from job records. Not exported.
 */
package dev.packit.bot.status.internal;
