/**
 * The status page's implementation: the Jetty handler, the HTML writer with its one escaping
 * function, and the per-branch road computed from job records. Not exported.
 */
@NullMarked
package dev.packit.bot.status.internal;

import org.jspecify.annotations.NullMarked;
