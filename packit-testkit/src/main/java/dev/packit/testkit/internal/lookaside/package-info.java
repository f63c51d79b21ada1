/**
 * Implementation of the sandbox lookaside cache (upload.cgi and the download tree); not API.
 */
@NullMarked
package dev.packit.testkit.internal.lookaside;

import org.jspecify.annotations.NullMarked;
