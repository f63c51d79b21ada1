/**
 * Internal: Kerberos (SPNEGO) tokens and client-certificate TLS contexts for Koji logins.
 */
@NullMarked
package dev.packit.fedora.internal.koji;

import org.jspecify.annotations.NullMarked;
