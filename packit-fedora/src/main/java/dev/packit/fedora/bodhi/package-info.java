/**
 * Bodhi (Fedora's update system): releases, updates, CSRF and authentication, and the release
 * list behind Packit's target aliases.
 *
 * <pre>{@code
 * BodhiClient bodhi = BodhiClient.builder().build();
 * List<BodhiRelease> active = bodhi.releases(BodhiClient.ACTIVE_STATES);
 * }</pre>
 */
@NullMarked
package dev.packit.fedora.bodhi;

import org.jspecify.annotations.NullMarked;
