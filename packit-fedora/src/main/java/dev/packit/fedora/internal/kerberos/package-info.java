/**
 * Internal: the Kerberos (SPNEGO) login shared by the Koji, lookaside and Bodhi clients: JAAS or
 * native GSS credentials, mutual authentication, {@code KRB5_CONFIG}, and errors that name their cause.
 */
@NullMarked
package dev.packit.fedora.internal.kerberos;

import org.jspecify.annotations.NullMarked;
