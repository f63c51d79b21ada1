/**
 * Internal: Kerberos (SPNEGO) tokens and client-certificate TLS contexts for Koji logins.
 */
package dev.packit.fedora.internal.koji;
