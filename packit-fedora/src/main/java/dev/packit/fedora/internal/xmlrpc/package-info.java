/**
 * Internal: the XML-RPC codec behind {@code dev.packit.fedora.koji} and the sandbox's fake hub.
 * Not exported except to {@code dev.packit.testkit}; no compatibility promises.
 */
@NullMarked
package dev.packit.fedora.internal.xmlrpc;

import org.jspecify.annotations.NullMarked;
